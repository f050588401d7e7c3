#include "tools/haicapctl/org/org_tree.h"

#include <string>

#include "tools/haicapctl/core/args.h"

namespace haicap::ctl {
namespace {

// `prefix` is what the ancestors contribute ("│  " where an ancestor has later siblings).
void AddRows(const OrgTreeNode& node, const std::string& prefix, const std::string& branch,
             bool show_state, Table& table) {
  const auto& org = node.organization;
  std::vector<std::string> row = {prefix + branch + org.name(), KindLabel(org.kind()), org.id(),
                                  org.admin_unit_code()};
  if (show_state) row.push_back(StateLabel(org.state()));
  table.AddRow(std::move(row));

  // The root has no branch, so its children start at the margin.
  const std::string child_prefix =
      branch.empty() ? prefix : prefix + (branch == "└─ " ? "   " : "│  ");
  for (size_t i = 0; i < node.children.size(); ++i) {
    const bool last = i + 1 == node.children.size();
    AddRows(node.children[i], child_prefix, last ? "└─ " : "├─ ", show_state, table);
  }
}

void Collect(const OrgTreeNode& node, std::vector<const haicap::registry::v1::Organization*>& out) {
  out.push_back(&node.organization);
  for (const OrgTreeNode& child : node.children) Collect(child, out);
}

}  // namespace

Table TreeTable(const OrgTreeNode& root, bool show_state) {
  std::vector<std::string> headers = {"ORGANISATION", "KIND", "ID", "UNIT"};
  if (show_state) headers.push_back("STATE");
  Table table(std::move(headers));
  AddRows(root, "", "", show_state, table);
  return table;
}

std::vector<const haicap::registry::v1::Organization*> Flatten(const OrgTreeNode& root) {
  std::vector<const haicap::registry::v1::Organization*> out;
  Collect(root, out);
  return out;
}

}  // namespace haicap::ctl
