#include "services/registry/recognition_starter.h"

#include "common/logging.h"

namespace haicap::registry {

RecognitionStarter::RecognitionStarter(OrganizationRegistry* registry, absl::Duration interval)
    : registry_(registry), task_(interval, [this] { Start(); }) {}

void RecognitionStarter::Start() {
  absl::StatusOr<int> started = registry_->StartRecognitionClocks();
  if (!started.ok()) {
    LogError("recognition clocks not started", {{"error", std::string(started.status().message())}});
  } else if (*started > 0) {
    LogInfo("recognition clocks started", {{"members", *started}});
  }
}

}  // namespace haicap::registry
