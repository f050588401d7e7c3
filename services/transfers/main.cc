#include "common/server/server_main.h"
#include "services/transfers/transfers_server.h"

int main(int argc, char** argv) {
  haicap::server::ServerOptions defaults;
  defaults.peers = {{"registry", "127.0.0.1:50051"}, {"deadlines", "127.0.0.1:50053"}};
  return haicap::server::RunServerMain<haicap::transfers::TransfersServer>(
      argc, argv, "transfers",
      "haicap transfers service: membership transfers between party organisations (haicap.transfers.v1)", 50052,
      std::move(defaults));
}
