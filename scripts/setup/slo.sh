# SLO tests: promtool checks and unit-tests the generated rules, a real Prometheus scrapes a loaded LiftWing,
# and headless Chromium renders /dashboard. The tests start both themselves on free loopback ports.
ensure_apt prometheus chromium
