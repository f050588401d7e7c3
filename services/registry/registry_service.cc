#include "services/registry/registry_service.h"

#include "common/server/unary.h"

namespace haicap::registry {

using server::CallerActor;
using server::RunInline;
using server::RunOnPool;

grpc::ServerUnaryReactor* RegistryService::CreateOrganization(grpc::CallbackServerContext* context,
                                                              const v1::CreateOrganizationRequest* request,
                                                              v1::Organization* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response,
                   [this, request, caller = Caller{CallerActor(context)}] { return registry_->Create(*request, caller); });
}

grpc::ServerUnaryReactor* RegistryService::UpdateOrganization(grpc::CallbackServerContext* context,
                                                              const v1::UpdateOrganizationRequest* request,
                                                              v1::Organization* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response,
                   [this, request, caller = Caller{CallerActor(context)}] { return registry_->Update(*request, caller); });
}

grpc::ServerUnaryReactor* RegistryService::MoveOrganizations(grpc::CallbackServerContext* context,
                                                             const v1::MoveOrganizationsRequest* request,
                                                             v1::MoveOrganizationsResponse* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response,
                   [this, request, caller = Caller{CallerActor(context)}] { return registry_->Move(*request, caller); });
}

grpc::ServerUnaryReactor* RegistryService::MergeOrganizations(grpc::CallbackServerContext* context,
                                                              const v1::MergeOrganizationsRequest* request,
                                                              v1::MergeOrganizationsResponse* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response,
                   [this, request, caller = Caller{CallerActor(context)}] { return registry_->Merge(*request, caller); });
}

grpc::ServerUnaryReactor* RegistryService::DissolveOrganization(grpc::CallbackServerContext* context,
                                                                const v1::DissolveOrganizationRequest* request,
                                                                v1::Organization* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response,
                   [this, request, caller = Caller{CallerActor(context)}] { return registry_->Dissolve(*request, caller); });
}

grpc::ServerUnaryReactor* RegistryService::GetOrganization(grpc::CallbackServerContext* context,
                                                           const v1::GetOrganizationRequest* request,
                                                           v1::Organization* response) {
  return RunInline(context, kRegistryErrorDomain, response, [&] { return registry_->Get(*request); });
}

grpc::ServerUnaryReactor* RegistryService::ListOrganizations(grpc::CallbackServerContext* context,
                                                             const v1::ListOrganizationsRequest* request,
                                                             v1::ListOrganizationsResponse* response) {
  // A list may scan many records: keep it off the gRPC threads.
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response, [this, request] { return registry_->List(*request); });
}

grpc::ServerUnaryReactor* RegistryService::ListOrganizationEvents(grpc::CallbackServerContext* context,
                                                                  const v1::ListOrganizationEventsRequest* request,
                                                                  v1::ListOrganizationEventsResponse* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response,
                   [this, request] { return registry_->ListEvents(*request); });
}

grpc::ServerUnaryReactor* RegistryService::SummarizeSubtree(grpc::CallbackServerContext* context,
                                                            const v1::SummarizeSubtreeRequest* request,
                                                            v1::SubtreeSummary* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response,
                   [this, request] { return registry_->Summarize(*request); });
}

grpc::ServerUnaryReactor* RegistryService::AdmitMember(grpc::CallbackServerContext* context,
                                                       const v1::AdmitMemberRequest* request, v1::Member* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response,
                   [this, request, caller = Caller{CallerActor(context)}] { return registry_->Admit(*request, caller); });
}

grpc::ServerUnaryReactor* RegistryService::RecordAdmissionCeremony(grpc::CallbackServerContext* context,
                                                                   const v1::RecordAdmissionCeremonyRequest* request,
                                                                   v1::Member* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response, [this, request, caller = Caller{CallerActor(context)}] {
    return registry_->RecordAdmissionCeremony(*request, caller);
  });
}

grpc::ServerUnaryReactor* RegistryService::RegisterMember(grpc::CallbackServerContext* context,
                                                          const v1::RegisterMemberRequest* request,
                                                          v1::Member* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response,
                   [this, request, caller = Caller{CallerActor(context)}] { return registry_->Register(*request, caller); });
}

grpc::ServerUnaryReactor* RegistryService::RecognizeOfficial(grpc::CallbackServerContext* context,
                                                             const v1::RecognizeOfficialRequest* request,
                                                             v1::Member* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response, [this, request, caller = Caller{CallerActor(context)}] {
    return registry_->RecognizeOfficial(*request, caller);
  });
}

grpc::ServerUnaryReactor* RegistryService::EndMembership(grpc::CallbackServerContext* context,
                                                         const v1::EndMembershipRequest* request, v1::Member* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response, [this, request, caller = Caller{CallerActor(context)}] {
    return registry_->EndMembership(*request, caller);
  });
}

grpc::ServerUnaryReactor* RegistryService::UpdateMember(grpc::CallbackServerContext* context,
                                                        const v1::UpdateMemberRequest* request, v1::Member* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response, [this, request, caller = Caller{CallerActor(context)}] {
    return registry_->UpdateMember(*request, caller);
  });
}

grpc::ServerUnaryReactor* RegistryService::MoveMember(grpc::CallbackServerContext* context,
                                                      const v1::MoveMemberRequest* request, v1::Member* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response, [this, request, caller = Caller{CallerActor(context)}] {
    return registry_->MoveMember(*request, caller);
  });
}

grpc::ServerUnaryReactor* RegistryService::GetMember(grpc::CallbackServerContext* context,
                                                     const v1::GetMemberRequest* request, v1::Member* response) {
  return RunInline(context, kRegistryErrorDomain, response, [&] { return registry_->GetMember(*request); });
}

grpc::ServerUnaryReactor* RegistryService::ListMembers(grpc::CallbackServerContext* context,
                                                       const v1::ListMembersRequest* request,
                                                       v1::ListMembersResponse* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response, [this, request] { return registry_->ListMembers(*request); });
}

grpc::ServerUnaryReactor* RegistryService::ListMemberEvents(grpc::CallbackServerContext* context,
                                                            const v1::ListMemberEventsRequest* request,
                                                            v1::ListMemberEventsResponse* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response,
                   [this, request] { return registry_->ListMemberEvents(*request); });
}

grpc::ServerUnaryReactor* RegistryService::ImportOrganizations(grpc::CallbackServerContext* context,
                                                               const v1::ImportOrganizationsRequest* request,
                                                               v1::ImportReport* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response, [this, request, caller = Caller{CallerActor(context)}] {
    return registry_->ImportOrganizations(*request, caller);
  });
}

grpc::ServerUnaryReactor* RegistryService::ImportMembers(grpc::CallbackServerContext* context,
                                                         const v1::ImportMembersRequest* request,
                                                         v1::ImportReport* response) {
  return RunOnPool(context, *pool_, kRegistryErrorDomain, response, [this, request, caller = Caller{CallerActor(context)}] {
    return registry_->ImportMembers(*request, caller);
  });
}

grpc::ServerUnaryReactor* RegistryService::GetAdminUnit(grpc::CallbackServerContext* context,
                                                        const v1::GetAdminUnitRequest* request, v1::AdminUnit* response) {
  return RunInline(context, kRegistryErrorDomain, response, [&] { return gazetteer_->Get(request->code()); });
}

grpc::ServerUnaryReactor* RegistryService::ListAdminUnits(grpc::CallbackServerContext* context,
                                                          const v1::ListAdminUnitsRequest* request,
                                                          v1::ListAdminUnitsResponse* response) {
  return RunInline(context, kRegistryErrorDomain, response, [&] { return gazetteer_->List(*request); });
}

}  // namespace haicap::registry
