// haicap-registry: the party organisation registry server.
#include "common/server/server_main.h"
#include "services/registry/registry_server.h"

int main(int argc, char** argv) {
  return haicap::server::RunServerMain<haicap::registry::RegistryServer>(
      argc, argv, "registry",
      "haicap-registry: party organisations, their members and history, and the administrative-unit gazetteer",
      50051);
}
