// A fake registry for running the real haicapctl command line in process: organisations,
// members and imports in memory, on 127.0.0.1:0, recording what each call carried; and the test
// fixture that runs `haicapctl --registry <fake> ...`.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/errors.h"
#include "grpcpp/server.h"
#include "gtest/gtest.h"
#include "haicap/registry/v1/registry.grpc.pb.h"
#include "tests/haicapctl/fake_service.h"

namespace haicap::ctl {

namespace registry = ::haicap::registry::v1;

// Organisations and members in memory; records what each call carried.
class FakeRegistry final : public registry::Registry::Service, public RecordingFake {
 public:
  void Add(const registry::Organization& org) {
    std::lock_guard lock(mu_);
    organizations_.push_back(org);
  }
  std::vector<registry::ListOrganizationsRequest> lists() {
    std::lock_guard lock(mu_);
    return lists_;
  }
  // Every ListMembers request, in order.
  std::vector<registry::ListMembersRequest> member_lists() {
    std::lock_guard lock(mu_);
    return member_lists_;
  }
  std::vector<registry::ListMemberEventsRequest> event_lists() {
    std::lock_guard lock(mu_);
    return event_lists_;
  }
  void AddMember(const registry::Member& member) {
    std::lock_guard lock(mu_);
    members_.push_back(member);
  }
  void AddMemberEvent(const registry::MemberEvent& event) {
    std::lock_guard lock(mu_);
    member_events_.push_back(event);
  }
  // Every ImportOrganizations / ImportMembers request, in order.
  std::vector<registry::ImportOrganizationsRequest> org_imports() {
    std::lock_guard lock(mu_);
    return org_imports_;
  }
  std::vector<registry::ImportMembersRequest> member_imports() {
    std::lock_guard lock(mu_);
    return member_imports_;
  }
  // Imports of a member with this citizen ID fail with CITIZEN_ID_TAKEN.
  void TakeCitizenId(const std::string& citizen_id) {
    std::lock_guard lock(mu_);
    taken_citizen_ids_.insert(citizen_id);
  }
  // Imported organisations with this name come with a SIMILAR_SIBLING_NAME warning.
  void WarnAboutName(const std::string& name) {
    std::lock_guard lock(mu_);
    look_alike_names_.insert(name);
  }
  void SetSummary(const registry::SubtreeSummary& summary) {
    std::lock_guard lock(mu_);
    summary_ = summary;
  }

  grpc::Status CreateOrganization(grpc::ServerContext* context,
                                  const registry::CreateOrganizationRequest* request,
                                  registry::Organization* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    *response = request->organization();
    response->set_id("57");
    response->set_state(registry::ACTIVE);
    *response->mutable_established_on() = request->effective_date();
    return grpc::Status::OK;
  }

  grpc::Status UpdateOrganization(grpc::ServerContext* context,
                                  const registry::UpdateOrganizationRequest* request,
                                  registry::Organization* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    *response = request->organization();
    return grpc::Status::OK;
  }

  grpc::Status MergeOrganizations(grpc::ServerContext* context,
                                  const registry::MergeOrganizationsRequest* request,
                                  registry::MergeOrganizationsResponse* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    response->mutable_successor()->set_id(request->target_id());
    return grpc::Status::OK;
  }

  grpc::Status GetOrganization(grpc::ServerContext* context,
                               const registry::GetOrganizationRequest* request,
                               registry::Organization* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    for (const auto& org : organizations_) {
      if (org.id() == request->id()) {
        *response = org;
        return grpc::Status::OK;
      }
    }
    return ToGrpcStatus(
        NotFound("ORGANIZATION_NOT_FOUND", "organization " + request->id() + " does not exist"),
        "registry.haicap");
  }

  // Children of `parent_id` in insertion order; the page token is the offset.
  grpc::Status ListOrganizations(grpc::ServerContext* context,
                                 const registry::ListOrganizationsRequest* request,
                                 registry::ListOrganizationsResponse* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    lists_.push_back(*request);
    std::vector<registry::Organization> matching;
    for (const auto& org : organizations_) {
      if (org.parent_id() == request->parent_id()) matching.push_back(org);
    }
    Paginate(matching, *request, response->mutable_organizations(), response);
    return grpc::Status::OK;
  }

  grpc::Status AdmitMember(grpc::ServerContext* context,
                           const registry::AdmitMemberRequest* request,
                           registry::Member* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    *response = request->member();
    response->set_id("1024");
    response->set_status(request->has_ceremony_date() ? registry::PROBATIONARY : registry::ADMISSION_PENDING);
    *response->mutable_admitted_on() = request->ceremony_date();
    return grpc::Status::OK;
  }

  grpc::Status RecordAdmissionCeremony(grpc::ServerContext* context,
                                       const registry::RecordAdmissionCeremonyRequest* request,
                                       registry::Member* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    response->set_id(request->member_id());
    response->set_status(registry::PROBATIONARY);
    *response->mutable_admitted_on() = request->ceremony_date();
    return grpc::Status::OK;
  }

  grpc::Status RegisterMember(grpc::ServerContext* context,
                              const registry::RegisterMemberRequest* request,
                              registry::Member* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    *response = request->member();
    response->set_id("2048");
    return grpc::Status::OK;
  }

  grpc::Status RecognizeOfficial(grpc::ServerContext* context,
                                 const registry::RecognizeOfficialRequest* request,
                                 registry::Member* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    response->set_id(request->member_id());
    response->set_status(registry::OFFICIAL);
    return grpc::Status::OK;
  }

  grpc::Status EndMembership(grpc::ServerContext* context,
                             const registry::EndMembershipRequest* request,
                             registry::Member* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    response->set_id(request->member_id());
    response->set_status(request->status());
    response->set_end_reason(request->reason());
    *response->mutable_ended_on() = request->effective_date();
    return grpc::Status::OK;
  }

  grpc::Status UpdateMember(grpc::ServerContext* context,
                            const registry::UpdateMemberRequest* request,
                            registry::Member* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    *response = request->member();
    return grpc::Status::OK;
  }

  // Where the move leaves the member: PERMANENT in `organization_id`; TEMPORARY still in "104"
  // and temporarily there; RETURN in "104".
  grpc::Status MoveMember(grpc::ServerContext* context, const registry::MoveMemberRequest* request,
                          registry::Member* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    response->set_id(request->member_id());
    const bool permanent = request->kind() == registry::MoveMemberRequest::PERMANENT;
    response->set_organization_id(permanent ? request->organization_id() : "104");
    if (request->kind() == registry::MoveMemberRequest::TEMPORARY) {
      response->set_temporary_organization_id(request->organization_id());
      *response->mutable_temporary_until() = request->temporary_until();
    }
    return grpc::Status::OK;
  }

  grpc::Status GetMember(grpc::ServerContext* context, const registry::GetMemberRequest* request,
                         registry::Member* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    for (const auto& member : members_) {
      if (member.id() == request->id()) {
        *response = member;
        return grpc::Status::OK;
      }
    }
    return ToGrpcStatus(NotFound("MEMBER_NOT_FOUND", "member " + request->id() + " does not exist"),
                        "registry.haicap");
  }

  // Like the registry: by organisation with citizen IDs masked, or the exact citizen-ID lookup
  // in full. The page token is the offset.
  grpc::Status ListMembers(grpc::ServerContext* context,
                           const registry::ListMembersRequest* request,
                           registry::ListMembersResponse* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    member_lists_.push_back(*request);
    std::vector<registry::Member> matching;
    for (registry::Member member : members_) {
      if (!request->citizen_id().empty()) {
        if (member.citizen_id() == request->citizen_id()) matching.push_back(member);
      } else if (member.organization_id() == request->organization_id()) {
        member.set_citizen_id("********" + member.citizen_id().substr(8));
        matching.push_back(member);
      }
    }
    Paginate(matching, *request, response->mutable_members(), response);
    return grpc::Status::OK;
  }

  grpc::Status ListMemberEvents(grpc::ServerContext* context,
                                const registry::ListMemberEventsRequest* request,
                                registry::ListMemberEventsResponse* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    event_lists_.push_back(*request);
    std::vector<registry::MemberEvent> matching;
    for (const auto& event : member_events_) {
      if (event.member_id() == request->member_id()) matching.push_back(event);
    }
    Paginate(matching, *request, response->mutable_events(), response);
    return grpc::Status::OK;
  }

  // Like the registry's imports: an organisation key or a citizen ID seen before is unchanged;
  // a parent key that is neither "id:N" nor a known key, or a citizen ID in `TakeCitizenId`, is
  // a row error. Ids are "1", "2", ... in order. With dry_run nothing is kept.
  grpc::Status ImportOrganizations(grpc::ServerContext* context,
                                   const registry::ImportOrganizationsRequest* request,
                                   registry::ImportReport* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    org_imports_.push_back(*request);
    std::map<std::string, std::string> keys = imported_keys_;
    for (const auto& row : request->rows()) {
      const std::string& parent = row.parent_key();
      if (keys.contains(row.key())) {
        response->set_unchanged(response->unchanged() + 1);
      } else if (!parent.empty() && !parent.starts_with("id:") && !keys.contains(parent)) {
        AddRowError(row.line(), "parent_key", "PARENT_NOT_FOUND",
                    "no organisation has the key \"" + parent + "\"", response);
        continue;
      } else {
        response->set_imported(response->imported() + 1);
        keys[row.key()] = std::to_string(keys.size() + 1);
        if (look_alike_names_.contains(row.name())) {
          registry::RowError* warning = response->add_warnings();
          warning->set_line(row.line());
          warning->set_column("name");
          warning->set_reason("SIMILAR_SIBLING_NAME");
          warning->set_message("looks like the name of a sibling");
        }
      }
      (*response->mutable_organization_ids())[row.key()] = keys[row.key()];
    }
    if (!request->dry_run()) imported_keys_ = std::move(keys);
    return grpc::Status::OK;
  }

  grpc::Status ImportMembers(grpc::ServerContext* context,
                             const registry::ImportMembersRequest* request,
                             registry::ImportReport* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    member_imports_.push_back(*request);
    for (const auto& row : request->rows()) {
      const std::string& id = row.member().citizen_id();
      if (taken_citizen_ids_.contains(id)) {
        AddRowError(row.line(), "citizen_id", "CITIZEN_ID_TAKEN",
                    "the citizen ID belongs to another member", response);
      } else if (imported_citizen_ids_.contains(id)) {
        response->set_unchanged(response->unchanged() + 1);
      } else {
        response->set_imported(response->imported() + 1);
        if (!request->dry_run()) imported_citizen_ids_.insert(id);
      }
    }
    return grpc::Status::OK;
  }

  grpc::Status SummarizeSubtree(grpc::ServerContext* context,
                                const registry::SummarizeSubtreeRequest* request,
                                registry::SubtreeSummary* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    Record(*request);
    *response = summary_;
    return grpc::Status::OK;
  }

 private:
  static void AddRowError(int64_t line, std::string column, std::string reason, std::string message,
                          registry::ImportReport* report) {
    registry::RowError* error = report->add_errors();
    error->set_line(line);
    error->set_column(std::move(column));
    error->set_reason(std::move(reason));
    error->set_message(std::move(message));
  }

  // The page of `all` the request asks for (the page token is the offset) into `page`, and the
  // next page token into `response`.
  template <typename Item, typename Request, typename Response>
  static void Paginate(const std::vector<Item>& all, const Request& request,
                       google::protobuf::RepeatedPtrField<Item>* page, Response* response) {
    const size_t page_size = request.page_size() > 0 ? request.page_size() : 100;
    const size_t start = request.page_token().empty() ? 0 : std::stoul(request.page_token());
    for (size_t i = start; i < all.size() && i < start + page_size; ++i) *page->Add() = all[i];
    if (start + page_size < all.size()) {
      response->set_next_page_token(std::to_string(start + page_size));
    }
  }

  std::vector<registry::Organization> organizations_;
  std::vector<registry::ListOrganizationsRequest> lists_;
  std::vector<registry::Member> members_;
  std::vector<registry::MemberEvent> member_events_;
  std::vector<registry::ListMembersRequest> member_lists_;
  std::vector<registry::ListMemberEventsRequest> event_lists_;
  registry::SubtreeSummary summary_;
  std::vector<registry::ImportOrganizationsRequest> org_imports_;
  std::vector<registry::ImportMembersRequest> member_imports_;
  std::map<std::string, std::string> imported_keys_;
  std::set<std::string> imported_citizen_ids_, taken_citizen_ids_, look_alike_names_;
};

inline constexpr char kRegistryAddressFlag[] = "--registry";

// Runs `haicapctl --registry <fake> --actor clerk.phucloi <args...>` against a FakeRegistry.
using HaicapctlTest = FakeServiceCliTest<FakeRegistry, kRegistryAddressFlag>;

}  // namespace haicap::ctl
