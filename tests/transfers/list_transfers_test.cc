// ListTransfers: a member's transfers, the transfers leaving or arriving anywhere under an
// organisation, by state, one page at a time.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "tests/transfers/suite_fixture.h"

namespace haicap::transfers::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;
using Direction = ListTransfersRequest::Direction;

class ListTransfersTest : public SuiteTest {
 protected:
  ListTransfersResponse MustList(const ListTransfersRequest& request) {
    ListTransfersResponse response;
    const grpc::Status status = Call(&Transfers::Stub::ListTransfers, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  // The ids on every page, pages of `page_size`.
  std::vector<std::string> Ids(ListTransfersRequest request, int page_size = 2) {
    request.set_page_size(page_size);
    std::vector<std::string> ids;
    for (int pages = 0; pages < 20; ++pages) {
      const ListTransfersResponse page = MustList(request);
      EXPECT_LE(page.transfers_size(), page_size);
      for (const Transfer& t : page.transfers()) ids.push_back(t.id());
      if (page.next_page_token().empty()) break;
      request.set_page_token(page.next_page_token());
    }
    return ids;
  }
  static ListTransfersRequest Under(const std::string& organization, Direction direction,
                                    std::vector<TransferState> states = {}) {
    ListTransfersRequest request;
    request.set_organization_id(organization);
    request.set_direction(direction);
    for (TransferState state : states) request.add_states(state);
    return request;
  }
};

TEST_F(ListTransfersTest, ByMemberByOrganisationSubtreeAndDirectionByStatePageByPage) {
  const Wards w = MustCreateWards();
  const std::string school = MustCreateOrg("Đảng bộ Trường THPT Tây Tựu", reg::GRASSROOTS_COMMITTEE, w.tay_tuu);
  const std::string teachers = MustCreateOrg("Chi bộ Giáo viên", reg::CELL, school);
  const std::string staff = MustCreateOrg("Chi bộ Hành chính", reg::CELL, school);
  const std::string minh = MustRegisterMember("Nguyễn Văn Minh", "001088004321", w.ubnd_cell);
  const std::string hoa = MustRegisterMember("Đỗ Thị Hoa", "001190003333", teachers);
  const std::string nam = MustRegisterMember("Vũ Văn Nam", "001087004444", teachers);
  const std::string hung = MustRegisterMember("Lê Văn Hùng", "001091002222", w.office_cell);

  // Minh's first transfer withdrawn, his second requested; Hoa introduced; Hùng the other way;
  // Nam inside the school.
  CancelTransferRequest cancel;
  cancel.set_id(MustCreate(minh, w.office_cell).id());
  cancel.set_reason("Đổi nơi công tác");
  const std::string withdrawn = Must(&Transfers::Stub::CancelTransfer, cancel).id();
  const std::string requested = MustCreate(minh, w.office_cell).id();
  const std::string introduced = MustIntroduce(MustCreate(hoa, w.office_cell)).id();
  const std::string inbound = MustCreate(hung, w.ubnd_cell).id();
  const std::string internal = MustCreate(nam, staff, INTERNAL).id();

  ListTransfersRequest by_member;
  by_member.set_member_id(minh);
  EXPECT_THAT(Ids(by_member, 1), ElementsAre(withdrawn, requested));
  const ListTransfersResponse minh_page = MustList(by_member);
  ASSERT_EQ(minh_page.transfers_size(), 2);
  EXPECT_EQ(minh_page.transfers(0).state(), CANCELLED);
  EXPECT_EQ(minh_page.transfers(0).etag(), MustGet(withdrawn).etag());
  EXPECT_EQ(minh_page.transfers(0).history_size(), 0);  // only GetTransfer has the history

  // Tây Tựu and everything under it.
  EXPECT_THAT(Ids(Under(w.tay_tuu, ListTransfersRequest::OUTGOING)),
              UnorderedElementsAre(withdrawn, requested, introduced, internal));
  EXPECT_THAT(Ids(Under(w.tay_tuu, ListTransfersRequest::INCOMING)), UnorderedElementsAre(inbound, internal));
  EXPECT_THAT(Ids(Under(w.tay_tuu, ListTransfersRequest::DIRECTION_UNSPECIFIED)),
              UnorderedElementsAre(withdrawn, requested, introduced, inbound, internal));
  EXPECT_THAT(Ids(Under(school, ListTransfersRequest::OUTGOING)), UnorderedElementsAre(introduced, internal));
  EXPECT_THAT(Ids(Under(school, ListTransfersRequest::INCOMING)), ElementsAre(internal));
  EXPECT_THAT(Ids(Under(staff, ListTransfersRequest::OUTGOING)), ElementsAre());
  EXPECT_THAT(Ids(Under(w.dong_da, ListTransfersRequest::INCOMING)),
              UnorderedElementsAre(withdrawn, requested, introduced));
  EXPECT_THAT(Ids(Under(w.hanoi, ListTransfersRequest::DIRECTION_UNSPECIFIED), 1),
              UnorderedElementsAre(withdrawn, requested, introduced, inbound, internal));
  EXPECT_THAT(Ids(ListTransfersRequest(), 1), ElementsAre(withdrawn, requested, introduced, inbound, internal));

  // By state, across pages that skip what does not match.
  EXPECT_THAT(Ids(Under(w.dong_da, ListTransfersRequest::INCOMING, {CANCELLED})), ElementsAre(withdrawn));
  EXPECT_THAT(Ids(Under(w.hanoi, ListTransfersRequest::OUTGOING, {REQUESTED, INTRODUCED}), 1),
              UnorderedElementsAre(requested, introduced, inbound, internal));
  EXPECT_THAT(Ids(Under(w.hanoi, ListTransfersRequest::OUTGOING, {INTRODUCED}), 1), ElementsAre(introduced));

  // Pages: a token, then the last page without one.
  ListTransfersRequest paged = Under(w.dong_da, ListTransfersRequest::INCOMING);
  paged.set_page_size(2);
  const ListTransfersResponse first = MustList(paged);
  EXPECT_EQ(first.transfers_size(), 2);
  ASSERT_FALSE(first.next_page_token().empty());
  paged.set_page_token(first.next_page_token());
  const ListTransfersResponse last = MustList(paged);
  EXPECT_EQ(last.transfers_size(), 1);
  EXPECT_TRUE(last.next_page_token().empty());
  paged.set_page_size(3);
  paged.set_page_token("");
  EXPECT_TRUE(MustList(paged).next_page_token().empty());
}

TEST_F(ListTransfersTest, RefusesFiltersThatDoNotGoTogether) {
  ListTransfersResponse ignored;
  ListTransfersRequest both = Under("1", ListTransfersRequest::OUTGOING);
  both.set_member_id("2");
  grpc::Status status = Call(&Transfers::Stub::ListTransfers, both, &ignored);
  EXPECT_EQ(Refusal(status), "INVALID_ARGUMENT INVALID_FIELD");
  EXPECT_THAT(BadFields(status), ElementsAre("organization_id"));
  EXPECT_THAT(BadFields(Call(&Transfers::Stub::ListTransfers, Under("", ListTransfersRequest::INCOMING), &ignored)),
              ElementsAre("direction"));
  EXPECT_THAT(BadFields(Call(&Transfers::Stub::ListTransfers,
                             Under("1", ListTransfersRequest::INCOMING, {TRANSFER_STATE_UNSPECIFIED}), &ignored)),
              ElementsAre("states[0]"));

  // A page token belongs to its filter.
  const Wards w = MustCreateWards();
  MustCreate(MustRegisterMember("Nguyễn Văn Minh", "001088004321", w.ubnd_cell), w.office_cell);
  MustCreate(MustRegisterMember("Trần Thị Lan", "001090001111", w.ubnd_cell), w.office_cell);
  ListTransfersRequest paged = Under(w.tay_tuu, ListTransfersRequest::OUTGOING);
  paged.set_page_size(1);
  ASSERT_TRUE(Call(&Transfers::Stub::ListTransfers, paged, &ignored).ok());
  ASSERT_FALSE(ignored.next_page_token().empty());
  paged.set_page_token(ignored.next_page_token());
  paged.set_direction(ListTransfersRequest::INCOMING);
  EXPECT_THAT(BadFields(Call(&Transfers::Stub::ListTransfers, paged, &ignored)), ElementsAre("page_token"));
}

}  // namespace
}  // namespace haicap::transfers::testing
