// CLI11 options shared by several commands: typed arguments (dates, kinds, states, levels) that
// are checked and normalised while parsing, so a typo is a usage error (exit 2) before any call,
// and the flags every change takes (effective date, decision, request id).
#pragma once

#include <string>
#include <utility>

#include "CLI/CLI.hpp"
#include "haicap/registry/v1/registry.pb.h"
#include "tools/haicapctl/args.h"

namespace haicap::ctl {

// Each adds an option storing the canonical text: a date as YYYY-MM-DD, a kind/state/level as
// its enum name. Convert it with the parsers in args.h, which then cannot fail.
CLI::Option* AddDateOption(CLI::App* app, const std::string& name, std::string& value,
                           const std::string& help);
CLI::Option* AddKindOption(CLI::App* app, const std::string& name, std::string& value,
                           const std::string& help);
CLI::Option* AddStateOption(CLI::App* app, const std::string& name, std::string& value,
                            const std::string& help);
CLI::Option* AddLevelOption(CLI::App* app, const std::string& name, std::string& value,
                            const std::string& help);

// An `x-haicap-actor` value gRPC can carry: printable ASCII, at most 100 characters.
CLI::Validator ActorValidator();

// --effective (required), --decision-number, --decision-date and --request-id.
class ChangeFlags {
 public:
  void AddTo(CLI::App* command);

  // Sets effective_date, decision (when given) and request_id on any change request.
  template <typename Request>
  void Fill(Request* request) {
    *request->mutable_effective_date() = effective_date();
    registry::Decision given = decision();
    if (given.ByteSizeLong() > 0) *request->mutable_decision() = std::move(given);
    request->set_request_id(request_id());
  }

 private:
  google::type::Date effective_date() const;
  // Empty (no fields set) when neither decision flag was given.
  registry::Decision decision() const;
  // --request-id, or one generated on first use and kept.
  const std::string& request_id();

  std::string effective_;
  std::string decision_number_;
  std::string decision_date_;
  std::string request_id_;
};

// --page-size, --page-token and --all for List commands.
class PageFlags {
 public:
  void AddTo(CLI::App* command, const std::string& items);

  bool all() const { return all_; }
  // Sets page_size and page_token on any List request.
  template <typename Request>
  void Fill(Request* request) const {
    request->set_page_size(page_size_);
    request->set_page_token(page_token_);
  }

 private:
  int page_size_ = 0;
  std::string page_token_;
  bool all_ = false;
};

}  // namespace haicap::ctl
