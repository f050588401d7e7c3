// `haicapctl watch`: near-due, overdue and due-changed events of the deadlines service, one line each as they
// come, until the stream ends or Ctrl-C; then, on stderr, the command that resumes after the last
// event received.
#include "tools/haicapctl/watch/watch_command.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/haicapctl/core/args.h"
#include "tools/haicapctl/core/enum_text.h"
#include "tools/haicapctl/core/flags.h"
#include "tools/haicapctl/core/interrupt.h"

namespace haicap::ctl {
namespace {

using deadlines::Deadlines;

// "42  near-due  DS-000000000042  00136  due 2026-02-27 17:00  transfers/123"
std::string EventLine(const deadlines::DeadlineEvent& event) {
  std::string line =
      absl::StrFormat("%d  %-11s  %s  %s  due %s", event.cursor(),
                      LabelOf(event.type(), deadlines::DeadlineEventType_descriptor()),
                      event.dossier_id(), event.unit_code(), FormatVietnamTime(event.due_at()));
  if (!event.subject().empty()) absl::StrAppend(&line, "  ", event.subject());
  return line;
}

// The command line that continues after `cursor` with the same filters.
std::string ResumeCommand(const deadlines::WatchEventsRequest& request, int64_t cursor) {
  std::string command = absl::StrCat("haicapctl watch --after ", cursor);
  if (!request.unit_code().empty()) absl::StrAppend(&command, " --unit ", request.unit_code());
  if (request.kind() != deadlines::DOSSIER_KIND_UNSPECIFIED) {
    absl::StrAppend(&command, " --kind ", DossierKindLabel(request.kind()));
  }
  return command;
}

// Prints each event as it comes, flushed, so a pipe or a log sees it at once. Returns the cursor
// of the last one (`request.after_cursor()` when none came) and how the stream ended.
grpc::Status PrintEvents(Session& s, const deadlines::WatchEventsRequest& request,
                         grpc::ClientContext* context, int64_t* last_cursor) {
  *last_cursor = request.after_cursor();
  auto reader = s.OpenStream(&Deadlines::Stub::WatchEvents, request, context);
  deadlines::DeadlineEvent event;
  while (reader->Read(&event)) {
    if (s.options().output == OutputFormat::kJson) {
      (void)PrintJsonLine(s.out(), event);  // an event always has a JSON form
    } else {
      s.out() << EventLine(event) << '\n';
    }
    s.out().flush();
    *last_cursor = event.cursor();
  }
  return reader->Finish();
}

}  // namespace

void AddWatchCommand(CLI::App* app, Session& session) {
  struct Flags {
    int64_t after = 0;
    DossierFilterFlags filter;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app->add_subcommand(
      "watch",
      "Follow the events of dossiers as they happen, one line each, until Ctrl-C: near-due, "
      "overdue, and due-changed (its due date moved: a calendar change, a resume, a new date)");
  cmd->add_option("--after", flags->after,
                  "Only events after this cursor: the last one you received (default 0: every "
                  "event kept)")
      ->check(CLI::Validator(CLI::NonNegativeNumber).description(""))
      ->type_name("CURSOR");
  flags->filter.AddTo(cmd, kUnitsOfDossiers);
  cmd->footer(
      R"(Each line: CURSOR, TYPE (near-due: due within one working day; overdue: the due date has
passed and the dossier is still open), DOSSIER, UNIT, the due instant (Vietnam time) and the
subject. -o json prints one JSON object per line instead. The events come from a durable log:
when the stream ends (Ctrl-C, the service stopped) the command that resumes after the last event
received is printed on stderr; run it and nothing is missed or repeated. --timeout does not apply.

Examples:
  haicapctl watch --unit 00136
  haicapctl watch --after 1042 --kind admin -o json >> events.jsonl)");
  session.SetAction(cmd, [flags](Session& s) {
    deadlines::WatchEventsRequest request;
    request.set_after_cursor(flags->after);
    flags->filter.Fill(&request);
    grpc::ClientContext context;
    InterruptCancels interrupt(&context);
    int64_t last_cursor = 0;
    const grpc::Status status = PrintEvents(s, request, &context, &last_cursor);
    const std::string resume = ResumeCommand(request, last_cursor);
    if (interrupt.interrupted()) {
      s.err() << "Stopped. To resume: " << resume << '\n';
      return kExitOk;
    }
    if (!status.ok()) {
      const int code = s.Fail(status);
      s.err() << "  the stream broke after cursor " << last_cursor
              << "; to resume without missing an event: " << resume << '\n';
      return code;
    }
    s.err() << "The service ended the stream. To resume: " << resume << '\n';
    return kExitOk;
  });
}

}  // namespace haicap::ctl
