// Runs the real haicapctl command line in process against a fake registry on 127.0.0.1:0 and
// checks what reaches the server (requests, actor header, deadline, request ids) and what the
// user sees (tables, JSON, errors, exit codes).
#include <chrono>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "common/errors.h"
#include "gmock/gmock.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "haicap/registry/v1/registry.grpc.pb.h"
#include "tools/haicapctl/app.h"

namespace haicap::ctl {
namespace {

namespace registry = ::haicap::registry::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;

registry::Organization Org(std::string id, std::string name, registry::OrganizationKind kind,
                           std::string parent) {
  registry::Organization org;
  org.set_id(std::move(id));
  org.set_name(std::move(name));
  org.set_kind(kind);
  org.set_parent_id(std::move(parent));
  org.set_state(registry::ACTIVE);
  org.mutable_established_on()->set_year(2025);
  org.mutable_established_on()->set_month(7);
  org.mutable_established_on()->set_day(1);
  return org;
}

// Organisations in memory; records what each call carried.
class FakeRegistry final : public registry::Registry::Service {
 public:
  void Add(const registry::Organization& org) {
    std::lock_guard lock(mu_);
    organizations_.push_back(org);
  }
  // Every following call fails with `status`.
  void FailWith(grpc::Status status) {
    std::lock_guard lock(mu_);
    error_ = std::move(status);
  }
  void SetDelay(std::chrono::milliseconds delay) {
    std::lock_guard lock(mu_);
    delay_ = delay;
  }

  struct Seen {
    std::string actor;
    std::chrono::system_clock::time_point deadline;
  };
  std::vector<Seen> seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }
  std::vector<registry::ListOrganizationsRequest> lists() {
    std::lock_guard lock(mu_);
    return lists_;
  }
  registry::CreateOrganizationRequest last_create() {
    std::lock_guard lock(mu_);
    return create_;
  }
  registry::UpdateOrganizationRequest last_update() {
    std::lock_guard lock(mu_);
    return update_;
  }
  registry::MergeOrganizationsRequest last_merge() {
    std::lock_guard lock(mu_);
    return merge_;
  }

  grpc::Status CreateOrganization(grpc::ServerContext* context,
                                  const registry::CreateOrganizationRequest* request,
                                  registry::Organization* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    create_ = *request;
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
    update_ = *request;
    *response = request->organization();
    return grpc::Status::OK;
  }

  grpc::Status MergeOrganizations(grpc::ServerContext* context,
                                  const registry::MergeOrganizationsRequest* request,
                                  registry::MergeOrganizationsResponse* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    merge_ = *request;
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
    return ToGrpcStatus(NotFound("ORGANIZATION_NOT_FOUND",
                                 "organization " + request->id() + " does not exist"),
                        "registry.haicap");
  }

  // Children of `parent_id` in insertion order; the page token is the offset.
  grpc::Status ListOrganizations(grpc::ServerContext* context,
                                 const registry::ListOrganizationsRequest* request,
                                 registry::ListOrganizationsResponse* response) override {
    std::lock_guard lock(mu_);
    if (auto failed = Begin(context); !failed.ok()) return failed;
    lists_.push_back(*request);
    std::vector<const registry::Organization*> matching;
    for (const auto& org : organizations_) {
      if (org.parent_id() == request->parent_id()) matching.push_back(&org);
    }
    const size_t page_size = request->page_size() > 0 ? request->page_size() : 100;
    const size_t start = request->page_token().empty() ? 0 : std::stoul(request->page_token());
    for (size_t i = start; i < matching.size() && i < start + page_size; ++i) {
      *response->add_organizations() = *matching[i];
    }
    if (start + page_size < matching.size()) {
      response->set_next_page_token(std::to_string(start + page_size));
    }
    return grpc::Status::OK;
  }

 private:
  grpc::Status Begin(grpc::ServerContext* context) {
    const auto& metadata = context->client_metadata();
    auto actor = metadata.find("x-haicap-actor");
    seen_.push_back({actor == metadata.end() ? "" : std::string(actor->second.data(),
                                                                actor->second.size()),
                     context->deadline()});
    if (delay_.count() > 0) std::this_thread::sleep_for(delay_);
    return error_;
  }

  std::mutex mu_;
  std::vector<registry::Organization> organizations_;
  grpc::Status error_;
  std::chrono::milliseconds delay_{0};
  std::vector<Seen> seen_;
  std::vector<registry::ListOrganizationsRequest> lists_;
  registry::CreateOrganizationRequest create_;
  registry::UpdateOrganizationRequest update_;
  registry::MergeOrganizationsRequest merge_;
};

std::unique_ptr<grpc::Server> StartServer(grpc::Service* service, int* port) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), port);
  builder.RegisterService(service);
  return builder.BuildAndStart();
}

class HaicapctlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int port = 0;
    server_ = StartServer(&fake_, &port);
    ASSERT_NE(server_, nullptr);
    address_ = "127.0.0.1:" + std::to_string(port);
  }
  void TearDown() override { server_->Shutdown(); }

  // Runs `haicapctl --registry <fake> --actor clerk.phucloi <args...>`.
  int Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"haicapctl", "--registry", address_, "--actor", "clerk.phucloi"});
    std::vector<const char*> argv;
    for (const std::string& arg : args) argv.push_back(arg.c_str());
    out_.str("");
    err_.str("");
    return RunHaicapctl(static_cast<int>(argv.size()), argv.data(), out_, err_);
  }

  FakeRegistry fake_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
  std::ostringstream out_, err_;
};

TEST_F(HaicapctlTest, CreateSendsTheParsedRequestWithActorAndARequestId) {
  const auto before = std::chrono::system_clock::now();
  ASSERT_EQ(Run({"org", "create", "--name", "Đảng bộ phường Phúc Lợi", "--kind", "commune",
                 "--parent", "1", "--unit", "00136", "--effective", "1/7/2025",
                 "--decision-number", "1234-QĐ/TU", "--decision-date", "30/06/2025",
                 "--timeout", "3"}),
            0)
      << err_.str();
  const registry::CreateOrganizationRequest request = fake_.last_create();
  EXPECT_EQ(request.organization().name(), "Đảng bộ phường Phúc Lợi");
  EXPECT_EQ(request.organization().kind(), registry::COMMUNE_COMMITTEE);
  EXPECT_EQ(request.organization().parent_id(), "1");
  EXPECT_EQ(request.organization().admin_unit_code(), "00136");
  EXPECT_FALSE(request.organization().upper_grassroots_powers());
  EXPECT_EQ(request.effective_date().year(), 2025);
  EXPECT_EQ(request.effective_date().month(), 7);
  EXPECT_EQ(request.effective_date().day(), 1);
  EXPECT_EQ(request.decision().number(), "1234-QĐ/TU");
  EXPECT_EQ(request.decision().date().day(), 30);
  EXPECT_THAT(request.request_id(), MatchesRegex("[0-9a-f-]{36}"));

  ASSERT_EQ(fake_.seen().size(), 1u);
  EXPECT_EQ(fake_.seen()[0].actor, "clerk.phucloi");
  // --timeout 3, give or take how coarsely gRPC sends the timeout on the wire.
  EXPECT_GT(fake_.seen()[0].deadline, before + std::chrono::milliseconds(2500));
  EXPECT_LT(fake_.seen()[0].deadline,
            std::chrono::system_clock::now() + std::chrono::milliseconds(3500));

  EXPECT_THAT(out_.str(), HasSubstr("ID:           57\n"));
  EXPECT_THAT(out_.str(), HasSubstr("Established:  2025-07-01\n"));
  EXPECT_THAT(err_.str(), IsEmpty());
}

TEST_F(HaicapctlTest, CreateSendsTheGivenRequestIdAndNoDecisionWhenNoneIsGiven) {
  ASSERT_EQ(Run({"org", "create", "--name", "Chi bộ 5", "--kind", "CELL", "--parent", "57",
                 "--effective", "2025-07-10", "--request-id", "retry-me-1",
                 "--upper-grassroots-powers"}),
            0)
      << err_.str();
  EXPECT_EQ(fake_.last_create().request_id(), "retry-me-1");
  EXPECT_FALSE(fake_.last_create().has_decision());
  EXPECT_TRUE(fake_.last_create().organization().upper_grassroots_powers());
}

TEST_F(HaicapctlTest, UpdateMaskNamesExactlyTheFlagsGiven) {
  ASSERT_EQ(Run({"org", "update", "57", "--name", "Đảng bộ phường Đống Đa",
                 "--upper-grassroots-powers=false", "--etag", "e7", "--effective", "01/07/2025"}),
            0)
      << err_.str();
  const registry::UpdateOrganizationRequest request = fake_.last_update();
  EXPECT_EQ(request.organization().id(), "57");
  EXPECT_THAT(request.update_mask().paths(), ElementsAre("name", "upper_grassroots_powers"));
  EXPECT_EQ(request.organization().name(), "Đảng bộ phường Đống Đa");
  EXPECT_EQ(request.etag(), "e7");
  EXPECT_FALSE(request.request_id().empty());
}

TEST_F(HaicapctlTest, UsageErrorsExitTwoBeforeAnyCall) {
  EXPECT_EQ(Run({"org", "update", "57", "--effective", "01/07/2025"}), 2);  // nothing to change
  EXPECT_EQ(Run({"org", "create", "--name", "X", "--kind", "party-cell", "--effective",
                 "2025-07-01"}),
            2);
  EXPECT_THAT(err_.str(), HasSubstr("unknown organisation kind \"party-cell\""));
  EXPECT_EQ(Run({"org", "create", "--name", "X", "--kind", "cell", "--effective", "31/02/2025"}),
            2);
  EXPECT_THAT(err_.str(), HasSubstr("not a valid date"));
  EXPECT_EQ(Run({"org", "create", "--name", "X", "--kind", "cell"}), 2);  // no --effective
  EXPECT_EQ(Run({"org", "merge", "1", "2", "--effective", "2025-08-01"}), 2);  // no successor
  EXPECT_EQ(Run({"org", "merge", "1", "2", "--into", "3", "--new-name", "Y", "--new-kind", "cell",
                 "--effective", "2025-08-01"}),
            2);
  EXPECT_EQ(Run({"org", "merge", "1", "--new-name", "Y", "--effective", "2025-08-01"}), 2);
  EXPECT_EQ(Run({"--actor", "Nguyễn Thị Lan", "org", "get", "1"}), 2);
  EXPECT_THAT(err_.str(), HasSubstr("plain ASCII"));
  EXPECT_EQ(Run({"org", "list", "--all", "--page-token", "x"}), 2);
  EXPECT_EQ(Run({"org"}), 2);
  EXPECT_THAT(fake_.seen(), IsEmpty());
}

TEST_F(HaicapctlTest, MergeIntoAnExistingOrganisation) {
  ASSERT_EQ(Run({"org", "merge", "301", "302", "--into", "300", "--effective", "01/08/2025"}), 0)
      << err_.str();
  EXPECT_THAT(fake_.last_merge().source_ids(), ElementsAre("301", "302"));
  EXPECT_EQ(fake_.last_merge().target_id(), "300");
}

TEST_F(HaicapctlTest, ServerErrorsExitOneWithTheReasonOnStderr) {
  fake_.FailWith(ToGrpcStatus(
      FailedPrecondition("PARENT_NOT_ACTIVE", "parent 12 was dissolved on 2025-06-30"),
      "registry.haicap"));
  EXPECT_EQ(Run({"org", "create", "--name", "Chi bộ 5", "--kind", "cell", "--parent", "12",
                 "--effective", "2025-07-10"}),
            1);
  EXPECT_EQ(err_.str(),
            "error: FAILED_PRECONDITION (PARENT_NOT_ACTIVE): parent 12 was dissolved on "
            "2025-06-30\n");
  EXPECT_THAT(out_.str(), IsEmpty());
}

TEST_F(HaicapctlTest, NotFoundFromGet) {
  EXPECT_EQ(Run({"org", "get", "99"}), 1);
  EXPECT_EQ(err_.str(), "error: NOT_FOUND (ORGANIZATION_NOT_FOUND): organization 99 does not "
                        "exist\n");
}

TEST_F(HaicapctlTest, ListAllFollowsPageTokens) {
  for (int i = 1; i <= 5; ++i) {
    fake_.Add(Org(std::to_string(100 + i), "Chi bộ " + std::to_string(i), registry::CELL, "57"));
  }
  ASSERT_EQ(Run({"org", "list", "--parent", "57", "--page-size", "2", "--all"}), 0) << err_.str();
  const auto lists = fake_.lists();
  ASSERT_EQ(lists.size(), 3u);
  EXPECT_EQ(lists[0].page_token(), "");
  EXPECT_EQ(lists[1].page_token(), "2");
  EXPECT_EQ(lists[2].page_token(), "4");
  for (const auto& request : lists) EXPECT_EQ(request.parent_id(), "57");
  EXPECT_EQ(out_.str(),
            "ID   NAME      KIND  UNIT  PARENT  STATE   ESTABLISHED\n"
            "101  Chi bộ 1  cell        57      active  2025-07-01\n"
            "102  Chi bộ 2  cell        57      active  2025-07-01\n"
            "103  Chi bộ 3  cell        57      active  2025-07-01\n"
            "104  Chi bộ 4  cell        57      active  2025-07-01\n"
            "105  Chi bộ 5  cell        57      active  2025-07-01\n");
  EXPECT_THAT(err_.str(), IsEmpty());
}

TEST_F(HaicapctlTest, ListOnePageTellsHowToContinue) {
  for (int i = 1; i <= 3; ++i) {
    fake_.Add(Org(std::to_string(100 + i), "Chi bộ " + std::to_string(i), registry::CELL, "57"));
  }
  ASSERT_EQ(Run({"org", "list", "--parent", "57", "--page-size", "2", "--kind", "cell",
                 "--as-of", "30/06/2025"}),
            0);
  ASSERT_EQ(fake_.lists().size(), 1u);
  EXPECT_EQ(fake_.lists()[0].kind(), registry::CELL);
  EXPECT_EQ(fake_.lists()[0].as_of().month(), 6);
  EXPECT_EQ(err_.str(), "(more results: repeat with --page-token 2, or use --all)\n");
}

TEST_F(HaicapctlTest, TreeWalksChildrenAsOfTheDay) {
  fake_.Add(Org("1", "Đảng bộ thành phố Hà Nội", registry::PROVINCIAL_COMMITTEE, ""));
  fake_.Add(Org("2", "Đảng bộ phường Phúc Lợi", registry::COMMUNE_COMMITTEE, "1"));
  fake_.Add(Org("3", "Đảng bộ phường Đống Đa", registry::COMMUNE_COMMITTEE, "1"));
  fake_.Add(Org("4", "Chi bộ Tổ dân phố 1", registry::CELL, "2"));
  ASSERT_EQ(Run({"org", "tree", "1", "--as-of", "01/08/2025"}), 0) << err_.str();
  EXPECT_EQ(out_.str(),
            "ORGANISATION                KIND                  ID  UNIT\n"
            "Đảng bộ thành phố Hà Nội    provincial-committee  1\n"
            "├─ Đảng bộ phường Phúc Lợi  commune-committee     2\n"
            "│  └─ Chi bộ Tổ dân phố 1   cell                  4\n"
            "└─ Đảng bộ phường Đống Đa   commune-committee     3\n");
  for (const auto& request : fake_.lists()) {
    EXPECT_EQ(request.state(), registry::ACTIVE);
    EXPECT_EQ(request.as_of().year(), 2025);
    EXPECT_EQ(request.as_of().month(), 8);
  }

  ASSERT_EQ(Run({"org", "tree", "1", "--depth", "1"}), 0);
  EXPECT_THAT(out_.str(), ::testing::Not(HasSubstr("Tổ dân phố")));
  EXPECT_THAT(out_.str(), HasSubstr("Đống Đa"));
}

TEST_F(HaicapctlTest, JsonOutputMayFollowTheCommand) {
  fake_.Add(Org("2", "Đảng bộ phường Phúc Lợi", registry::COMMUNE_COMMITTEE, "1"));
  ASSERT_EQ(Run({"org", "get", "2", "-o", "json"}), 0) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("\"name\": \"Đảng bộ phường Phúc Lợi\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"kind\": \"COMMUNE_COMMITTEE\""));
}

TEST_F(HaicapctlTest, AChangeThatTimesOutTellsHowToRetrySafely) {
  fake_.SetDelay(std::chrono::milliseconds(1500));
  EXPECT_EQ(Run({"--timeout", "0.2", "org", "create", "--name", "Chi bộ 5", "--kind", "cell",
                 "--parent", "57", "--effective", "10/07/2025", "--request-id", "r-42"}),
            1);
  EXPECT_EQ(err_.str(),
            "error: the registry at " + address_ +
                " did not answer within 0.2 s (DEADLINE_EXCEEDED); try again or raise "
                "--timeout\n"
                "  the change may or may not have been recorded; to retry safely, repeat the "
                "same command with --request-id r-42\n");
}

TEST_F(HaicapctlTest, HelpIsUserDocumentation) {
  EXPECT_EQ(Run({"org", "create", "--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("Examples:"));
  EXPECT_THAT(out_.str(), HasSubstr("--effective DATE REQUIRED"));
  EXPECT_THAT(out_.str(), HasSubstr("DD/MM/YYYY"));
  EXPECT_EQ(Run({"--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("Exit codes"));
}

TEST(HaicapctlUnreachable, SaysWhereItLookedAndExitsOne) {
  int port = 0;
  FakeRegistry stopped;
  StartServer(&stopped, &port)->Shutdown();  // a port nothing listens on any more
  const std::string address = "127.0.0.1:" + std::to_string(port);
  const char* argv[] = {"haicapctl", "--registry", address.c_str(), "unit", "get", "00136"};
  std::ostringstream out, err;
  EXPECT_EQ(RunHaicapctl(6, argv, out, err), 1);
  EXPECT_THAT(err.str(), HasSubstr("error: cannot reach the registry at " + address +
                                   " (is it running? see deploy/run-local.sh)"));
}

}  // namespace
}  // namespace haicap::ctl
