// An organisation with everything under it, drawn as an indented tree:
//   Đảng bộ thành phố Hà Nội
//   └─ Đảng bộ phường Phúc Lợi
//      ├─ Chi bộ Tổ dân phố 1
//      └─ Chi bộ Tổ dân phố 2
#pragma once

#include <vector>

#include "haicap/registry/v1/registry.pb.h"
#include "tools/haicapctl/core/output.h"

namespace haicap::ctl {

struct OrgTreeNode {
  haicap::registry::v1::Organization organization;
  std::vector<OrgTreeNode> children;  // in the order they are drawn
};

// ORGANISATION (the tree), KIND, ID, UNIT and, with `show_state`, STATE; one row per node in
// depth-first order.
Table TreeTable(const OrgTreeNode& root, bool show_state);
// The nodes in the same depth-first order, for JSON output.
std::vector<const haicap::registry::v1::Organization*> Flatten(const OrgTreeNode& root);

}  // namespace haicap::ctl
