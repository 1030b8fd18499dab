# The replica test (tests/LiftWing.FunctionalTests/Deploy/ReplicaTests.cs) puts serve processes behind HAProxy.
ensure_apt haproxy
