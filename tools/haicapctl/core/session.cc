#include "tools/haicapctl/core/session.h"

#include <chrono>

#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace haicap::ctl {

int Session::Show(const google::protobuf::Message& message,
                  const std::function<void(std::ostream&)>& print_table) {
  if (options_.output == OutputFormat::kTable) {
    print_table(out_);
    return kExitOk;
  }
  const bool json = options_.output == OutputFormat::kJson;
  absl::Status printed = json ? PrintJson(out_, message) : PrintCsvRecord(out_, message);
  if (!printed.ok()) {
    err_ << "error: cannot print the answer as " << (json ? "JSON" : "CSV") << ": "
         << printed.message() << '\n';
    return kExitServerError;
  }
  return kExitOk;
}

void Session::NoteNextPage(const std::string& next_page_token) {
  if (next_page_token.empty() || options_.output == OutputFormat::kJson) return;
  out_.flush();  // the note follows the table on a terminal that shows both streams
  err_ << "(more results: repeat with --page-token " << next_page_token << ", or use --all)\n";
}

int Session::Fail(const grpc::Status& status) {
  err_ << DescribeRpcError(status, last_target_);
  return kExitServerError;
}

int Session::FailChange(const grpc::Status& status, const std::string& request_id) {
  const int code = Fail(status);
  const auto outcome_unknown = {grpc::StatusCode::UNAVAILABLE, grpc::StatusCode::DEADLINE_EXCEEDED,
                                grpc::StatusCode::CANCELLED, grpc::StatusCode::UNKNOWN};
  for (grpc::StatusCode unknown : outcome_unknown) {
    if (status.error_code() == unknown) {
      err_ << "  the change may or may not have been recorded; to retry safely, repeat the same "
              "command with --request-id "
           << request_id << '\n';
    }
  }
  return code;
}

void Session::SetAction(CLI::App* app, std::function<int(Session&)> command, bool prints_csv) {
  app->callback([this, command = std::move(command), prints_csv] {
    if (options_.output == OutputFormat::kCsv && !prints_csv) {
      throw CLI::ValidationError("--output", "csv is only for 'haicapctl report'; use table or json");
    }
    exit_code_ = command(*this);
  });
}

std::unique_ptr<grpc::ClientContext> Session::NewContext() const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::duration_cast<std::chrono::system_clock::duration>(
                            std::chrono::duration<double>(options_.timeout_seconds)));
  AddActor(context.get());
  return context;
}

void Session::AddActor(grpc::ClientContext* context) const {
  if (!options_.actor.empty()) context->AddMetadata("x-haicap-actor", options_.actor);
}

registry::Registry::Stub& Session::StubOf(registry::Registry::Stub*) {
  last_target_ = {"the registry", options_.registry, options_.timeout_seconds};
  if (registry_ == nullptr) {
    registry_ = registry::Registry::NewStub(
        grpc::CreateChannel(options_.registry, grpc::InsecureChannelCredentials()));
  }
  return *registry_;
}

deadlines::Deadlines::Stub& Session::StubOf(deadlines::Deadlines::Stub*) {
  last_target_ = {"the deadlines service", options_.deadlines, options_.timeout_seconds};
  if (deadlines_ == nullptr) {
    deadlines_ = deadlines::Deadlines::NewStub(
        grpc::CreateChannel(options_.deadlines, grpc::InsecureChannelCredentials()));
  }
  return *deadlines_;
}

transfers::Transfers::Stub& Session::StubOf(transfers::Transfers::Stub*) {
  last_target_ = {"the transfers service", options_.transfers, options_.timeout_seconds};
  if (transfers_ == nullptr) {
    transfers_ = transfers::Transfers::NewStub(
        grpc::CreateChannel(options_.transfers, grpc::InsecureChannelCredentials()));
  }
  return *transfers_;
}

}  // namespace haicap::ctl
