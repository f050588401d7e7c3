// haicap-registry: the party organisation registry server.
#include "common/server/server_main.h"
#include "services/registry/registry_server.h"

int main(int argc, char** argv) {
  haicap::server::ServerOptions defaults;
  // The member clocks (ceremony, recognition) are kept by the deadlines service.
  defaults.peers = {{"deadlines", "127.0.0.1:50053"}};
  return haicap::server::RunServerMain<haicap::registry::RegistryServer>(
      argc, argv, "registry",
      "haicap-registry: party organisations, their members and history, and the administrative-unit gazetteer",
      50051, defaults);
}
