# bench/http/side-by-side.sh drives its HTTP comparisons with wrk.
ensure_apt wrk
