#include "access/licence.h"

#include <fmt/format.h>

#include <toml++/toml.h>

namespace kf::access {

Result<Licence> load_licence(const std::string& path) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Error::invalid(fmt::format("开放许可协议文件 {} 无法读取或不是有效的 TOML（第 {} 行）：{}", path,
                                      e.source().begin.line, e.description()));
  }
  Licence l;
  for (const auto& [k, v] : t) {
    if (k != "version" && k != "title" && k != "effective" && k != "text") {
      return Error::invalid(fmt::format("开放许可协议文件 {}：未知的键 {}", path, k.str()));
    }
  }
  auto need = [&](const char* key, std::string& out) -> Result<void> {
    auto v = t[key].value<std::string>();
    if (!v || v->empty()) return Error::invalid(fmt::format("开放许可协议文件 {}：缺少 {}", path, key));
    out = *v;
    return kf::ok();
  };
  KF_TRY(need("version", l.version));
  KF_TRY(need("title", l.title));
  KF_TRY(need("effective", l.effective));
  KF_TRY(need("text", l.text));
  while (!l.text.empty() && (l.text.front() == '\n' || l.text.front() == ' ')) l.text.erase(0, 1);
  return l;
}

Result<void> check_download_rule(const core::AccessRulesConfig& rule, const Licence& licence,
                                 const CallerStanding& caller) {
  if (rule.download == "anonymous" || caller.staff) return kf::ok();
  auto refuse = [](const char* slug, std::string message) {
    Error e = Error::denied(std::move(message));
    e.slug = slug;
    return e;
  };
  if (!caller.signed_in) {
    return refuse("login_required", rule.download == "verified"
                                        ? "下载数据和调用完整数据接口需要登录并完成实名认证；未登录时只能预览前几行"
                                        : "下载数据和调用完整数据接口需要登录；未登录时只能预览前几行");
  }
  if (rule.download == "verified" && !caller.verified) {
    return refuse("verification_required", "请先在用户中心完成实名认证，然后再下载数据");
  }
  if (rule.require_licence && caller.licence != licence.version) {
    return refuse("licence_required",
                  fmt::format("请先阅读并同意《{}》（{} 版），然后再下载数据", licence.title, licence.version));
  }
  return kf::ok();
}

}  // namespace kf::access
