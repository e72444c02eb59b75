#include "policy/names.h"

#include <map>

namespace kf::policy {
namespace {

std::string lookup(const std::map<std::string_view, std::string_view>& m, std::string_view key) {
  auto it = m.find(key);
  return std::string(it == m.end() ? key : it->second);
}

}  // namespace

std::string procedure_name(std::string_view key) {
  static const std::map<std::string_view, std::string_view> m = {
      {"publication", "数据开放发布"},      {"catalog_change", "目录变更"},
      {"open_list", "年度开放清单"},        {"industry_entry", "行业 / 社会数据开放申请"},
      {"conditional_application", "有条件开放数据申请"}, {"objection", "异议处理"},
      {"demand", "未开放数据需求"},         {"consultation", "咨询"},
      {"share_request", "共享申请"},      {"user_grading", "用户等级评定"}};
  return lookup(m, key);
}

std::string stage_name(std::string_view key) {
  static const std::map<std::string_view, std::string_view> m = {
      {"submit", "提交"},           {"normative_review", "规范性审查"}, {"legality_review", "合法性审查"},
      {"expert_review", "专家论证"}, {"secrecy_review", "保密审查"},     {"privacy_review", "商业秘密与个人隐私审查"},
      {"change_review", "变更审核"}, {"compile", "编制"},               {"review", "审核"},
      {"publish", "发布"},           {"application_review", "申请审核"}, {"provider_review", "开放主体审核"},
      {"agreement", "签订开放利用协议"}, {"verification", "核实处理"},   {"assessment", "需求论证"},
      {"answer", "答复"},               {"material_review", "材料审查"},   {"rating", "组织专家评级"}};
  return lookup(m, key);
}

std::string assignee_name(std::string_view code) {
  static const std::map<std::string_view, std::string_view> m = {
      {"authority", "主管部门"}, {"provider", "开放主体"},   {"applicant", "申请人"},
      {"expert", "专家委员会"},  {"sharer", "使用部门"},     {"system", "平台自动"}};
  return lookup(m, code);
}

std::string action_name(std::string_view code) {
  static const std::map<std::string_view, std::string_view> m = {
      {"approve", "通过"},   {"reject", "不予通过"}, {"return", "退回修改"},
      {"resubmit", "重新提交"}, {"escalate", "提请协调"}, {"withdraw", "撤回"},
      {"request_correction", "要求补正"}, {"correct", "提交补正"}};
  return lookup(m, code);
}

}  // namespace kf::policy
