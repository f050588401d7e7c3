"""The servers of the haicap suite and who calls whom: what every way of deploying it must carry."""

# By StatefulSet name (and binary name): the default gRPC port and the registered health name.
SERVERS = {
    "haicap-registry": {"port": 50051, "health": "haicap.registry.v1.Registry"},
    "haicap-deadlines": {"port": 50053, "health": "haicap.deadlines.v1.Deadlines"},
    "haicap-transfers": {"port": 50052, "health": "haicap.transfers.v1.Transfers"},
}
# Who calls whom within a province, and the variable the caller's address of the callee is in
# (the registry keeps its members' ceremony and recognition clocks in the deadlines service).
CALLS = {
    ("haicap-transfers", "haicap-registry"): "HAICAP_REGISTRY",
    ("haicap-transfers", "haicap-deadlines"): "HAICAP_DEADLINES",
    ("haicap-registry", "haicap-deadlines"): "HAICAP_DEADLINES",
}
# Across provinces (HAICAP_PEERS): a transfers service moves members through another's registry.
CROSS_PROVINCE_CALLS = {("haicap-transfers", "haicap-registry")}
