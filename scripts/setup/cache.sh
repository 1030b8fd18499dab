# Prediction-cache functional tests start their own redis-server (Debian package) on a free port.
ensure_apt redis-server
