// CLI11 options shared by several commands: typed arguments (dates, kinds, states, levels, sexes,
// member statuses, citizen IDs, calendar day types, dossier statuses, kinds and channels, transfer
// kinds and states, durations, instants) that are checked and normalised while parsing, so a typo
// is a usage error (exit 2) before any call, and the flags every change takes (effective date,
// decision, etag, request id).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "CLI/CLI.hpp"
#include "haicap/registry/v1/registry.pb.h"
#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/deadline_args.h"
#include "tools/haicapctl/dossier/dossier_args.h"
#include "tools/haicapctl/transfer/transfer_args.h"

namespace haicap::ctl {

// Each adds an option storing the canonical text: a date as YYYY-MM-DD, a kind/state/level/sex/
// status as its enum name. Convert it with the parsers in args.h, which then cannot fail.
CLI::Option* AddDateOption(CLI::App* app, const std::string& name, std::string& value,
                           const std::string& help);
CLI::Option* AddKindOption(CLI::App* app, const std::string& name, std::string& value,
                           const std::string& help);
CLI::Option* AddStateOption(CLI::App* app, const std::string& name, std::string& value,
                            const std::string& help);
CLI::Option* AddLevelOption(CLI::App* app, const std::string& name, std::string& value,
                            const std::string& help);
CLI::Option* AddSexOption(CLI::App* app, const std::string& name, std::string& value,
                          const std::string& help);
CLI::Option* AddMemberStatusOption(CLI::App* app, const std::string& name, std::string& value,
                                   const std::string& help);
// A calendar day type: holiday, compensatory, swapped or makeup (see ParseDayType).
CLI::Option* AddDayTypeOption(CLI::App* app, const std::string& name, std::string& value,
                              const std::string& help);
// A citizen ID (căn cước công dân): 12 digits, surrounding blanks dropped. The usage error never
// repeats what was typed, since a citizen ID is personal data.
CLI::Option* AddCitizenIdOption(CLI::App* app, const std::string& name, std::string& value,
                                const std::string& help);
// Dossier statuses by number or name (see ParseDossierStatus); the list form takes "2,4" or the
// option repeated.
CLI::Option* AddDossierStatusOption(CLI::App* app, const std::string& name, std::string& value,
                                    const std::string& help);
CLI::Option* AddDossierStatusesOption(CLI::App* app, const std::string& name,
                                      std::vector<std::string>& values, const std::string& help);
// admin or party.
CLI::Option* AddDossierKindOption(CLI::App* app, const std::string& name, std::string& value,
                                  const std::string& help);
// official, temporary or internal.
CLI::Option* AddTransferKindOption(CLI::App* app, const std::string& name, std::string& value,
                                   const std::string& help);
// Transfer states by name (see ParseTransferState); "requested,endorsing" or the option repeated.
CLI::Option* AddTransferStatesOption(CLI::App* app, const std::string& name,
                                     std::vector<std::string>& values, const std::string& help);
// direct, online or postal.
CLI::Option* AddChannelOption(CLI::App* app, const std::string& name, std::string& value,
                              const std::string& help);

// These two check the text and keep it as typed: read a duration with ParseDueDuration and an
// instant with InstantOf (so "now" is the moment the command runs).
CLI::Option* AddDurationOption(CLI::App* app, const std::string& name, std::string& value,
                               const std::string& help);
CLI::Option* AddInstantOption(CLI::App* app, const std::string& name, std::string& value,
                              const std::string& help);
// The instant of an option added with AddInstantOption. REQUIRES: the option was given (not "").
google::protobuf::Timestamp InstantOf(const std::string& option_value);

// --calendar: a working-day calendar id, default VN (the national calendar).
void AddCalendarOption(CLI::App* command, std::string& calendar_id);
// --etag: `read_command` tells where to find it ("calendar show"), `what` names the thing.
void AddEtagOption(CLI::App* command, std::string& etag, const std::string& read_command,
                   const std::string& what);

// Sets `*date` from an option added with AddDateOption (so already checked); leaves it as it is
// (an unset date, all zero, in a fresh request) when the option was not given.
void SetDate(const std::string& option_value, google::type::Date* date);

// An `x-haicap-actor` value gRPC can carry: printable ASCII, at most 100 characters.
CLI::Validator ActorValidator();

// --request-id: the idempotency key of a change.
class RequestIdFlag {
 public:
  void AddTo(CLI::App* command);
  // --request-id, or one generated on first use and kept.
  const std::string& value();

 private:
  std::string request_id_;
};

// --decision-number, --decision-date and --request-id.
class DecisionFlags {
 public:
  // With `date_required`, --decision-date must be given.
  void AddTo(CLI::App* command, bool date_required = false);

  // Sets decision (when given) and request_id on any change request.
  template <typename Request>
  void Fill(Request* request) {
    Fill(request, request);
  }
  // Sets decision (when given) on `holder`, e.g. the transfer a create request carries, and
  // request_id on `request`. A Decision of any service: number and date.
  template <typename Request, typename Holder>
  void Fill(Request* request, Holder* holder) {
    if (!number_.empty() || !date_.empty()) {
      auto* decision = holder->mutable_decision();
      decision->set_number(number_);
      if (!date_.empty()) *decision->mutable_date() = ParseDate(date_).value();
    }
    request->set_request_id(request_id_.value());
  }

 private:
  std::string number_;
  std::string date_;
  RequestIdFlag request_id_;
};

// --effective (required), then the DecisionFlags.
class ChangeFlags {
 public:
  void AddTo(CLI::App* command);

  // Sets effective_date, decision (when given) and request_id on any change request.
  template <typename Request>
  void Fill(Request* request) {
    *request->mutable_effective_date() = effective_date();
    decision_.Fill(request);
  }

 private:
  google::type::Date effective_date() const;

  std::string effective_;
  DecisionFlags decision_;
};

// --unit and --kind: whose dossiers a list, the report or the event stream covers.
class DossierFilterFlags {
 public:
  // `units` says what a unit code covers for this command.
  void AddTo(CLI::App* command, const std::string& units);

  // Sets unit_code and kind on any request with those filters.
  template <typename Request>
  void Fill(Request* request) const {
    request->set_unit_code(unit_);
    if (!kind_.empty()) request->set_kind(ParseDossierKind(kind_).value());
  }

 private:
  std::string unit_, kind_;
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
