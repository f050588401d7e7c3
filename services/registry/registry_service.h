// gRPC glue for haicap.registry.v1.Registry: proto in, domain call, status out. Mutations run on
// the worker pool (their synced writes must not block gRPC threads); reads run inline.
#pragma once

#include "common/server/worker_pool.h"
#include "haicap/registry/v1/registry.grpc.pb.h"
#include "services/registry/gazetteer/gazetteer.h"
#include "services/registry/organization_registry.h"

namespace haicap::registry {

inline constexpr char kRegistryServiceName[] = "haicap.registry.v1.Registry";
inline constexpr char kRegistryErrorDomain[] = "registry.haicap";

class RegistryService final : public v1::Registry::CallbackService {
 public:
  // Nothing is owned; everything must outlive the service.
  RegistryService(OrganizationRegistry* registry, const Gazetteer* gazetteer, server::WorkerPool* pool)
      : registry_(registry), gazetteer_(gazetteer), pool_(pool) {}

  grpc::ServerUnaryReactor* CreateOrganization(grpc::CallbackServerContext* context,
                                               const v1::CreateOrganizationRequest* request,
                                               v1::Organization* response) override;
  grpc::ServerUnaryReactor* GetOrganization(grpc::CallbackServerContext* context,
                                            const v1::GetOrganizationRequest* request,
                                            v1::Organization* response) override;
  grpc::ServerUnaryReactor* ListOrganizations(grpc::CallbackServerContext* context,
                                              const v1::ListOrganizationsRequest* request,
                                              v1::ListOrganizationsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateOrganization(grpc::CallbackServerContext* context,
                                               const v1::UpdateOrganizationRequest* request,
                                               v1::Organization* response) override;
  grpc::ServerUnaryReactor* MoveOrganizations(grpc::CallbackServerContext* context,
                                              const v1::MoveOrganizationsRequest* request,
                                              v1::MoveOrganizationsResponse* response) override;
  grpc::ServerUnaryReactor* MergeOrganizations(grpc::CallbackServerContext* context,
                                               const v1::MergeOrganizationsRequest* request,
                                               v1::MergeOrganizationsResponse* response) override;
  grpc::ServerUnaryReactor* DissolveOrganization(grpc::CallbackServerContext* context,
                                                 const v1::DissolveOrganizationRequest* request,
                                                 v1::Organization* response) override;
  grpc::ServerUnaryReactor* ListOrganizationEvents(grpc::CallbackServerContext* context,
                                                   const v1::ListOrganizationEventsRequest* request,
                                                   v1::ListOrganizationEventsResponse* response) override;
  grpc::ServerUnaryReactor* SummarizeSubtree(grpc::CallbackServerContext* context,
                                             const v1::SummarizeSubtreeRequest* request,
                                             v1::SubtreeSummary* response) override;
  grpc::ServerUnaryReactor* AdmitMember(grpc::CallbackServerContext* context, const v1::AdmitMemberRequest* request,
                                        v1::Member* response) override;
  grpc::ServerUnaryReactor* RecordAdmissionCeremony(grpc::CallbackServerContext* context,
                                                    const v1::RecordAdmissionCeremonyRequest* request,
                                                    v1::Member* response) override;
  grpc::ServerUnaryReactor* RegisterMember(grpc::CallbackServerContext* context,
                                           const v1::RegisterMemberRequest* request, v1::Member* response) override;
  grpc::ServerUnaryReactor* RecognizeOfficial(grpc::CallbackServerContext* context,
                                              const v1::RecognizeOfficialRequest* request,
                                              v1::Member* response) override;
  grpc::ServerUnaryReactor* EndMembership(grpc::CallbackServerContext* context, const v1::EndMembershipRequest* request,
                                          v1::Member* response) override;
  grpc::ServerUnaryReactor* UpdateMember(grpc::CallbackServerContext* context, const v1::UpdateMemberRequest* request,
                                         v1::Member* response) override;
  grpc::ServerUnaryReactor* MoveMember(grpc::CallbackServerContext* context, const v1::MoveMemberRequest* request,
                                       v1::Member* response) override;
  grpc::ServerUnaryReactor* GetMember(grpc::CallbackServerContext* context, const v1::GetMemberRequest* request,
                                      v1::Member* response) override;
  grpc::ServerUnaryReactor* ListMembers(grpc::CallbackServerContext* context, const v1::ListMembersRequest* request,
                                        v1::ListMembersResponse* response) override;
  grpc::ServerUnaryReactor* ListMemberEvents(grpc::CallbackServerContext* context,
                                             const v1::ListMemberEventsRequest* request,
                                             v1::ListMemberEventsResponse* response) override;
  grpc::ServerUnaryReactor* ImportOrganizations(grpc::CallbackServerContext* context,
                                                const v1::ImportOrganizationsRequest* request,
                                                v1::ImportReport* response) override;
  grpc::ServerUnaryReactor* ImportMembers(grpc::CallbackServerContext* context, const v1::ImportMembersRequest* request,
                                          v1::ImportReport* response) override;
  grpc::ServerUnaryReactor* GetAdminUnit(grpc::CallbackServerContext* context, const v1::GetAdminUnitRequest* request,
                                         v1::AdminUnit* response) override;
  grpc::ServerUnaryReactor* ListAdminUnits(grpc::CallbackServerContext* context,
                                           const v1::ListAdminUnitsRequest* request,
                                           v1::ListAdminUnitsResponse* response) override;

 private:
  OrganizationRegistry* registry_;
  const Gazetteer* gazetteer_;
  server::WorkerPool* pool_;
};

}  // namespace haicap::registry
