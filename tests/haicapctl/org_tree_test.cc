#include "tools/haicapctl/org/org_tree.h"

#include <sstream>

#include "gtest/gtest.h"

namespace haicap::ctl {
namespace {

namespace registry = ::haicap::registry::v1;

OrgTreeNode Node(std::string id, std::string name, registry::OrganizationKind kind,
                 std::vector<OrgTreeNode> children = {}) {
  OrgTreeNode node;
  node.organization.set_id(std::move(id));
  node.organization.set_name(std::move(name));
  node.organization.set_kind(kind);
  node.organization.set_state(registry::ACTIVE);
  node.children = std::move(children);
  return node;
}

OrgTreeNode WardTree() {
  OrgTreeNode city = Node(
      "1", "Đảng bộ thành phố Hà Nội", registry::PROVINCIAL_COMMITTEE,
      {Node("2", "Đảng bộ phường Phúc Lợi", registry::COMMUNE_COMMITTEE,
            {Node("4", "Chi bộ Tổ dân phố 1", registry::CELL),
             Node("5", "Đảng bộ Công ty X", registry::GRASSROOTS_COMMITTEE,
                  {Node("7", "Chi bộ Phân xưởng", registry::CELL)})}),
       Node("3", "Đảng bộ phường Đống Đa", registry::COMMUNE_COMMITTEE)});
  city.organization.set_admin_unit_code("01");
  city.children[0].organization.set_admin_unit_code("00136");
  return city;
}

TEST(TreeTable, DrawsBranchesAndAlignsKindAndId) {
  std::ostringstream out;
  TreeTable(WardTree(), /*show_state=*/false).Print(out);
  EXPECT_EQ(out.str(),
            "ORGANISATION                KIND                  ID  UNIT\n"
            "Đảng bộ thành phố Hà Nội    provincial-committee  1   01\n"
            "├─ Đảng bộ phường Phúc Lợi  commune-committee     2   00136\n"
            "│  ├─ Chi bộ Tổ dân phố 1   cell                  4\n"
            "│  └─ Đảng bộ Công ty X     grassroots-committee  5\n"
            "│     └─ Chi bộ Phân xưởng  cell                  7\n"
            "└─ Đảng bộ phường Đống Đa   commune-committee     3\n");
}

TEST(TreeTable, ShowsStateWhenAsked) {
  OrgTreeNode root = Node("2", "Đảng bộ phường Phúc Lợi", registry::COMMUNE_COMMITTEE,
                          {Node("9", "Chi bộ cũ", registry::CELL)});
  root.children[0].organization.set_state(registry::DISSOLVED);
  std::ostringstream out;
  TreeTable(root, /*show_state=*/true).Print(out);
  EXPECT_EQ(out.str(),
            "ORGANISATION             KIND               ID  UNIT  STATE\n"
            "Đảng bộ phường Phúc Lợi  commune-committee  2         active\n"
            "└─ Chi bộ cũ             cell               9         dissolved\n");
}

TEST(Flatten, ListsNodesInDrawingOrder) {
  const OrgTreeNode tree = WardTree();
  std::vector<std::string> ids;
  for (const auto* org : Flatten(tree)) ids.push_back(org->id());
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "2", "4", "5", "7", "3"}));
}

}  // namespace
}  // namespace haicap::ctl
