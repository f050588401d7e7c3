#include "common/server/unary.h"

namespace haicap::server {

std::string CallerActor(const grpc::CallbackServerContext* context) {
  const auto& metadata = context->client_metadata();
  auto it = metadata.find("x-haicap-actor");
  if (it != metadata.end() && !it->second.empty() && it->second.size() <= 100) {
    return std::string(it->second.data(), it->second.size());
  }
  return context->peer();
}

}  // namespace haicap::server
