// The party organisation registry: the domain operations behind haicap.registry.v1.Registry,
// over RegistryStore, without gRPC. Each mutation validates its input (INVALID_ARGUMENT naming the
// field), builds a ChangeSet, checks it, and commits events, timelines, index entries and the
// idempotency record in one durable WriteBatch — or changes nothing.
//
// Thread-safe. Organisation creations run concurrently (so their synced writes group-commit);
// every other change (to the tree, or a member's) runs one at a time, as they read and check more.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/change/change_kernel.h"
#include "common/clock.h"
#include "services/registry/gazetteer/gazetteer.h"
#include "services/registry/change_set.h"
#include "services/registry/member_clocks.h"
#include "services/registry/registry_store.h"

namespace haicap::registry {

// Who asked, for the history.
struct Caller {
  std::string actor;
};

class OrganizationRegistry {
 public:
  // None of the pointers is owned; all must outlive the registry.
  // `clocks` may be null: then no member clocks are kept in the deadlines service.
  OrganizationRegistry(RegistryStore* store, const Gazetteer* gazetteer, const Clock* clock,
                       MemberClocks* clocks = nullptr)
      : store_(store),
        gazetteer_(gazetteer),
        clock_(clock),
        clocks_(clocks),
        kernel_(&store->idempotency(),
                {.committed_locked = [this] { ++structure_version_; },
                 // A change's member clock messages go out as soon as it is committed.
                 .after_commit = [clocks] {
                   if (clocks != nullptr) clocks->Notify();
                 }}) {}

  // Runs `hook` each time an import has staged its rows, before it takes the structure lock.
  void SetImportStagedHookForTesting(std::function<void()> hook) { import_staged_for_testing_ = std::move(hook); }

  // Mutations (lifecycle.cc).
  absl::StatusOr<v1::Organization> Create(const v1::CreateOrganizationRequest& request, const Caller& caller);
  absl::StatusOr<v1::Organization> Update(const v1::UpdateOrganizationRequest& request, const Caller& caller);
  absl::StatusOr<v1::MoveOrganizationsResponse> Move(const v1::MoveOrganizationsRequest& request,
                                                     const Caller& caller);
  absl::StatusOr<v1::MergeOrganizationsResponse> Merge(const v1::MergeOrganizationsRequest& request,
                                                       const Caller& caller);
  absl::StatusOr<v1::Organization> Dissolve(const v1::DissolveOrganizationRequest& request, const Caller& caller);

  // Members (members.cc, member_moves.cc, member_queries.cc).
  absl::StatusOr<v1::Member> Admit(const v1::AdmitMemberRequest& request, const Caller& caller);
  absl::StatusOr<v1::Member> RecordAdmissionCeremony(const v1::RecordAdmissionCeremonyRequest& request,
                                                     const Caller& caller);
  // Starts the recognition clock of every member on probation whose 12 months are over and who has
  // none yet (member_clocks.h); returns how many were started. RegistryServer runs it periodically.
  absl::StatusOr<int> StartRecognitionClocks();
  absl::StatusOr<v1::Member> Register(const v1::RegisterMemberRequest& request, const Caller& caller);
  absl::StatusOr<v1::Member> RecognizeOfficial(const v1::RecognizeOfficialRequest& request, const Caller& caller);
  absl::StatusOr<v1::Member> EndMembership(const v1::EndMembershipRequest& request, const Caller& caller);
  absl::StatusOr<v1::Member> UpdateMember(const v1::UpdateMemberRequest& request, const Caller& caller);
  absl::StatusOr<v1::Member> MoveMember(const v1::MoveMemberRequest& request, const Caller& caller);
  absl::StatusOr<v1::Member> GetMember(const v1::GetMemberRequest& request) const;
  absl::StatusOr<v1::ListMembersResponse> ListMembers(const v1::ListMembersRequest& request) const;
  absl::StatusOr<v1::ListMemberEventsResponse> ListMemberEvents(const v1::ListMemberEventsRequest& request) const;

  // Imports (imports.cc).
  absl::StatusOr<v1::ImportReport> ImportOrganizations(const v1::ImportOrganizationsRequest& request,
                                                       const Caller& caller);
  absl::StatusOr<v1::ImportReport> ImportMembers(const v1::ImportMembersRequest& request, const Caller& caller);

  // Reads (queries.cc).
  absl::StatusOr<v1::Organization> Get(const v1::GetOrganizationRequest& request) const;
  absl::StatusOr<v1::ListOrganizationsResponse> List(const v1::ListOrganizationsRequest& request) const;
  absl::StatusOr<v1::ListOrganizationEventsResponse> ListEvents(
      const v1::ListOrganizationEventsRequest& request) const;
  absl::StatusOr<v1::SubtreeSummary> Summarize(const v1::SummarizeSubtreeRequest& request) const;

 private:
  // Checks name, kind and administrative-unit code of an organisation being created or updated;
  // `field` is the message path, e.g. "organization" or "merge.new_organization".
  absl::Status ValidateNewOrganization(const v1::Organization& org, std::string_view field) const;
  absl::Status ValidateUnitCode(v1::OrganizationKind kind, const std::string& code, std::string_view field) const;

  // Steps shared by the RPCs and the imports (lifecycle.cc): each adds its events to `change`
  // after checking what only it can check; the caller validates the whole change.
  absl::StatusOr<uint64_t> StageEstablish(ChangeSet& change, const v1::Organization& org,
                                          const google::type::Date& effective, const v1::Decision& decision,
                                          std::string_view parent_field);
  absl::Status StageMove(ChangeSet& change, uint64_t id, uint64_t new_parent, const google::type::Date& effective,
                         const v1::Decision& decision, std::string_view field);
  // Refuses (HAS_CHILDREN, HAS_MEMBERS) while anything still belongs to the organisation.
  absl::Status StageDissolve(ChangeSet& change, uint64_t id, const google::type::Date& effective,
                             const v1::Decision& decision);

  // Registers an existing member (members.cc): REGISTERED, and RECOGNIZED_OFFICIAL on official_on
  // when they became official after joining. `prefix` names the member message in errors.
  absl::StatusOr<uint64_t> StageRegistration(ChangeSet& change, const v1::Member& member,
                                             const google::type::Date& effective, const v1::Decision& decision,
                                             const std::string& prefix);

  // The organisation an import row names: "id:N", a key staged in this call, or a stored key.
  absl::StatusOr<std::optional<uint64_t>> ResolveImportKey(const std::string& key,
                                                           const std::map<std::string, uint64_t>& staged,
                                                           std::string_view column) const;
  // A warning for a person when the name of organisation `id`, just staged, looks like that of an
  // active sibling on `day` (stored or `staged` in this import): text::LookAlike. "" when none does.
  absl::StatusOr<std::string> LookAlikeSibling(ChangeSet& change, uint64_t id, int64_t day,
                                               const std::map<std::string, uint64_t>& staged);
  // Applies one row to `change` (the caller rolls back on error) and counts it in `report`.
  absl::Status ImportOrganizationRow(ChangeSet& change, const v1::OrganizationImportRow& row,
                                     std::map<std::string, uint64_t>* staged, v1::ImportReport* report);
  absl::Status ImportMemberRow(ChangeSet& change, const v1::MemberImportRow& row,
                               std::map<std::string, int64_t>* citizens_in_call, v1::ImportReport* report);
  // An import's rows staged on a ChangeSet: the report, and the organisation keys it assigns.
  struct StagedImport {
    std::unique_ptr<ChangeSet> change;
    v1::ImportReport report;
    std::map<std::string, uint64_t> keys;
  };
  using StageImportFn = std::function<absl::StatusOr<StagedImport>()>;
  // Stages the rows without the structure lock (a large file takes a while, and other changes go
  // on meanwhile), then commits them through the kernel under the lock — staged again, under it,
  // when another change committed in between. A dry run only stages.
  absl::StatusOr<v1::ImportReport> RunImport(std::string_view method, const std::string& request_id, bool dry_run,
                                             const StageImportFn& stage);

  // `finding` with the member's id and name (summary.cc).
  absl::StatusOr<v1::Finding> MemberFinding(v1::Finding finding, uint64_t member_id,
                                            const rocksdb::Snapshot* snapshot) const;

  // Runs `change` through the kernel under the structure lock — shared by creations, exclusive for
  // the rest — held until its batch is committed.
  enum class Structure { kShared, kExclusive };
  template <typename Response>
  absl::StatusOr<Response> RunStructural(Structure lock, std::string_view method, const std::string& request_id,
                                         const change::ChangeKernel::Stage<Response>& change) {
    return kernel_.Run<Response>({method, request_id}, change::ChangeLock{&structure_mu_, lock == Structure::kShared},
                                 change);
  }

  // Adds to `batch` the member clocks' messages for every member `change` touches.
  absl::Status StageMemberClocks(const ChangeSet& change, rocksdb::WriteBatch* batch);

  // Runs one member mutation under the structure lock, held until the batch is committed: `stage`
  // adds events to a ChangeSet and returns the member to answer with; then the change is
  // validated and committed idempotently with the member clocks' messages.
  absl::StatusOr<v1::Member> CommitMemberChange(std::string_view method, const std::string& request_id,
                                                const Caller& caller,
                                                const std::function<absl::StatusOr<uint64_t>(ChangeSet&)>& stage);

  RegistryStore* store_;
  const Gazetteer* gazetteer_;
  const Clock* clock_;
  MemberClocks* clocks_;
  // Shared by creations, exclusive for every other mutation, the imports and the recognition round.
  absl::Mutex structure_mu_;
  // Counts the changes committed under structure_mu_ (bumped before it is released): an import
  // staged without the lock is still current when the count has not moved.
  std::atomic<uint64_t> structure_version_{0};
  std::function<void()> import_staged_for_testing_;
  change::ChangeKernel kernel_;
};

}  // namespace haicap::registry
