// Runs OrganizationRegistry::StartRecognitionClocks at start and then every `interval` (real
// time), so that a probation ending today has its recognition clock within one interval.
// Failures are logged and retried at the next run.
#pragma once

#include "absl/time/time.h"
#include "common/periodic_task.h"
#include "services/registry/organization_registry.h"

namespace haicap::registry {

class RecognitionStarter {
 public:
  // `registry` is not owned and must outlive the starter.
  RecognitionStarter(OrganizationRegistry* registry, absl::Duration interval);

 private:
  void Start();

  OrganizationRegistry* registry_;
  PeriodicTask task_;  // last: stopped and joined first
};

}  // namespace haicap::registry
