// Chinese display names of the codes a policy profile uses (for messages, the CLI and the API).
#pragma once

#include <string>
#include <string_view>

namespace kf::policy {

std::string procedure_name(std::string_view key);  // "objection" → 异议处理; unknown keys as given
std::string stage_name(std::string_view key);      // the usual label of a required stage key
std::string assignee_name(std::string_view code);  // "authority" → 主管部门
std::string action_name(std::string_view code);    // "return" → 退回修改

}  // namespace kf::policy
