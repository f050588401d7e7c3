#include "common/server/malformed_request.h"

#include <vector>

#include "absl/strings/str_split.h"
#include "common/errors.h"

namespace haicap::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

class MalformedRequestInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit MalformedRequestInterceptor(std::string method) : method_(std::move(method)) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    // The request message is null here exactly when gRPC could not decode it.
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() == nullptr) {
      malformed_ = true;
    }
    if (malformed_ && methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      methods->ModifySendStatus(MalformedRequestStatus(method_));
    }
    methods->Proceed();
  }

 private:
  const std::string method_;
  bool malformed_ = false;  // batches of one call never run concurrently
};

class MalformedRequestInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override {
    // On streaming requests a null message is also how the end of the stream looks: leave them be.
    using Type = grpc::experimental::ServerRpcInfo::Type;
    if (info->type() != Type::UNARY && info->type() != Type::SERVER_STREAMING) return nullptr;
    return new MalformedRequestInterceptor(info->method());
  }
};

}  // namespace

std::string ErrorDomainOfMethod(std::string_view method) {
  absl::string_view name(method.data(), method.size());
  name = name.substr(0, name.rfind('/'));  // "/pkg.Service/Method" → "/pkg.Service"
  if (!name.empty() && name.front() == '/') name.remove_prefix(1);
  std::vector<absl::string_view> parts = absl::StrSplit(name, '.');
  if (parts.size() < 3) return std::string(name);
  return std::string(parts[1]) + "." + std::string(parts[0]);
}

grpc::Status MalformedRequestStatus(std::string_view method) {
  return ToGrpcStatus(WithReason(InvalidArgument("request",
                                                 "the message could not be decoded: a text field is not "
                                                 "valid UTF-8, or the bytes are not a valid message"),
                                 "MALFORMED_REQUEST"),
                      ErrorDomainOfMethod(method));
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeMalformedRequestInterceptorFactory() {
  return std::make_unique<MalformedRequestInterceptorFactory>();
}

}  // namespace haicap::server
