#include "access/decision.h"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

#include "access/licence.h"

namespace kf::access {

namespace {

constexpr std::array<std::pair<Channel, std::string_view>, 11> kChannels{{
    {Channel::preview, "preview"},
    {Channel::rows, "rows"},
    {Channel::soda, "soda"},
    {Channel::ckan_datastore, "ckan_datastore"},
    {Channel::download_csv, "download_csv"},
    {Channel::download_xlsx, "download_xlsx"},
    {Channel::download_json, "download_json"},
    {Channel::map, "map"},
    {Channel::sample, "sample"},
    {Channel::sandbox, "sandbox"},
    {Channel::verification, "verification"},
}};

Decision refuse(std::string slug, std::string reason, Action action, int status = 403) {
  Decision d;
  d.kind = Decision::Kind::refused;
  d.slug = std::move(slug);
  d.reason = std::move(reason);
  d.action = action;
  d.http_status = status;
  return d;
}

Decision full() {
  Decision d;
  d.kind = Decision::Kind::full;
  d.http_status = 200;
  return d;
}

// The channels that answer a query (preview rows instead of refusing a caller who does not
// meet the download rule).
bool is_query(Channel c) {
  return c == Channel::preview || c == Channel::rows || c == Channel::soda || c == Channel::ckan_datastore ||
         c == Channel::map || c == Channel::sample;
}

Action action_of(const std::string& slug) {
  if (slug == "login_required") return Action::login;
  if (slug == "verification_required") return Action::verify;
  if (slug == "licence_required") return Action::accept_licence;
  return Action::none;
}

std::string provider_text(const Subject& e) {
  return e.provider_name.empty() ? std::string("数据提供单位") : fmt::format("数据提供单位（{}）", e.provider_name);
}

int grade_rank(const std::vector<std::string>& levels, const std::string& g) {
  auto it = std::find(levels.begin(), levels.end(), g);
  return it == levels.end() ? -1 : static_cast<int>(it - levels.begin());
}

// Conditional data: only with a grant that covers the channel.
Decision decide_conditional(const Actor& actor, const Subject& entry, Channel channel, const Rules& rules,
                            const GrantRegistry& grants, std::int64_t now) {
  std::optional<Grant> g = actor.signed_in() ? grants.find(actor, entry, channel, now) : std::nullopt;
  if (!g) {
    if (grants.accepts_applications()) {
      return actor.signed_in()
                 ? refuse("apply_required",
                          fmt::format("该数据为{}数据，需在数据集页面提交开放申请，经数据提供单位审核同意后使用",
                                      rules.conditional_label),
                          Action::apply)
                 : refuse("login_required",
                          fmt::format("该数据为{}数据，请先注册并登录，然后在数据集页面提交开放申请", rules.conditional_label),
                          Action::login);
    }
    // No application procedure on this platform yet: say so, and whom to ask.
    return refuse("access_restricted",
                  fmt::format("该数据为{}数据，只提供给经{}同意的用户。本平台不受理在线申请，如需使用，请直接联系该单位",
                              rules.conditional_label, provider_text(entry)),
                  Action::contact_provider);
  }
  if (g->state != "active") {
    const bool ended = g->state == "terminated";
    return refuse(ended ? "grant_terminated" : "grant_suspended",
                  fmt::format("您对该数据的授权已{}{}", ended ? "终止" : "暂停",
                              g->state_reason.empty() ? std::string() : "：" + g->state_reason),
                  Action::contact_provider);
  }
  if (g->expires_at && *g->expires_at <= now) {
    return refuse("grant_expired", "您对该数据的授权已到期；如需继续使用，请在协议到期前申请续期或重新提交申请", Action::apply);
  }
  if (is_download(channel) && !rules.conditional_downloadable) {
    return refuse("channel_not_allowed",
                  fmt::format("按本地区规定，{}数据不提供文件下载，请通过数据接口或数据沙箱使用", rules.conditional_label),
                  Action::none);
  }
  if (!g->channels.empty() && std::find(g->channels.begin(), g->channels.end(), channel) == g->channels.end()) {
    return refuse("channel_not_allowed", "您获得的授权不包括这种获取方式，请按授权的方式使用该数据", Action::none);
  }
  if ((g->calls_per_day && g->calls_today >= *g->calls_per_day) ||
      (g->rows_per_day && g->rows_today >= *g->rows_per_day)) {
    return refuse("quota_exceeded",
                  g->calls_per_day && g->calls_today >= *g->calls_per_day
                      ? fmt::format("今日调用次数已达授权上限（{} 次），请明天再试", *g->calls_per_day)
                      : fmt::format("今日获取数据已达授权上限（{} 行），请明天再试", *g->rows_per_day),
                  Action::none, 429);
  }
  Decision d = full();
  d.grant_expires_at = g->expires_at;
  d.grant_id = g->id;
  d.grant_source = g->source;
  if (!g->fields.empty()) {
    std::vector<std::string> allowed;
    for (const auto& f : entry.fields) {
      if (std::find(g->fields.begin(), g->fields.end(), f) != g->fields.end()) allowed.push_back(f);
    }
    if (allowed.size() < entry.fields.size()) {
      d.kind = Decision::Kind::fields;
      d.fields = std::move(allowed);
    }
  }
  return d;
}

}  // namespace

std::string_view to_string(Channel c) {
  for (const auto& [ch, name] : kChannels) {
    if (ch == c) return name;
  }
  return "unknown";
}

std::optional<Channel> channel_from_string(std::string_view s) {
  for (const auto& [ch, name] : kChannels) {
    if (name == s) return ch;
  }
  return std::nullopt;
}

bool is_download(Channel c) {
  return c == Channel::download_csv || c == Channel::download_xlsx || c == Channel::download_json;
}

std::string_view to_string(Action a) {
  switch (a) {
    case Action::none: return "none";
    case Action::register_account: return "register";
    case Action::login: return "login";
    case Action::verify: return "verify";
    case Action::accept_licence: return "accept_licence";
    case Action::apply: return "apply";
    case Action::contact_provider: return "contact_provider";
  }
  return "none";
}

std::string_view to_string(Decision::Kind k) {
  switch (k) {
    case Decision::Kind::full: return "full";
    case Decision::Kind::fields: return "fields";
    case Decision::Kind::preview: return "preview";
    case Decision::Kind::refused: return "refused";
  }
  return "refused";
}

bool Actor::has_role(std::string_view r) const {
  return signed_in() && std::find(roles.begin(), roles.end(), r) != roles.end();
}

bool Actor::member_of(std::int64_t org) const {
  return signed_in() && std::find(org_ids.begin(), org_ids.end(), org) != org_ids.end();
}

void GrantRegistry::add(std::shared_ptr<const GrantSource> source) {
  std::lock_guard lock(mu_);
  sources_.push_back(std::move(source));
}

std::optional<Grant> GrantRegistry::find(const Actor& actor, const Subject& entry, Channel channel,
                                         std::int64_t now) const {
  std::vector<std::shared_ptr<const GrantSource>> sources;
  {
    std::lock_guard lock(mu_);
    sources = sources_;
  }
  std::optional<Grant> inactive;
  for (const auto& s : sources) {
    auto g = s->grant_for(actor, entry, channel);
    if (!g) continue;
    if (g->state == "active" && (!g->expires_at || *g->expires_at > now)) return g;
    if (!inactive) inactive = std::move(g);
  }
  return inactive;
}

void GrantRegistry::record_use(const GrantUse& use) const {
  std::vector<std::shared_ptr<const GrantSource>> sources;
  {
    std::lock_guard lock(mu_);
    sources = sources_;
  }
  for (const auto& s : sources) s->record_use(use);
}

bool GrantRegistry::accepts_applications() const {
  std::lock_guard lock(mu_);
  return std::any_of(sources_.begin(), sources_.end(), [](const auto& s) { return s->accepts_applications(); });
}

Decision decide(const Actor& actor, const Subject& entry, Channel channel, const Rules& rules,
                const GrantRegistry& grants, std::int64_t now_ms) {
  // The entry's own staff: the provider's members, the authority, administrators read everything
  // of their entries, any version, raw rows on request (the catalog audits raw reads).
  const bool entry_staff = actor.has_role("admin") || actor.has_role("authority") || actor.member_of(entry.provider_id);
  if (entry_staff) {
    Decision d = full();
    d.raw_allowed = true;
    return d;
  }
  if (entry.state != "published") return refuse("not_published", "目录不存在", Action::none, 404);

  // A sharing-only deployment (government-to-government sharing) has no open data: nothing for
  // callers outside the organisations.
  if (rules.sharing_only && (!actor.signed_in() || actor.org_ids.empty())) {
    return actor.signed_in()
               ? refuse("sharing_only", "本平台只在政务部门之间共享数据，不向社会开放；请以所在部门的账号使用",
                        Action::none)
               : refuse("sharing_only", "本平台只在政务部门之间共享数据，不向社会开放；部门工作人员请登录后使用",
                        Action::login, 403);
  }
  if (entry.open_attribute == "not_open") {
    return refuse("access_restricted",
                  fmt::format("该数据属于{}类；如确有需要，可联系{}提出开放需求", rules.not_open_label, provider_text(entry)),
                  Action::contact_provider);
  }
  if (channel == Channel::sandbox) {
    if (!rules.sandbox) return refuse("channel_not_allowed", "本平台未开通数据沙箱", Action::none);
    if (rules.user_grades && !rules.sandbox_grade.empty()) {
      int need = grade_rank(rules.grade_levels, rules.sandbox_grade);
      int have = actor.grade ? grade_rank(rules.grade_levels, *actor.grade) : -1;
      if (have < need) {
        return refuse("grade_required",
                      fmt::format("使用数据沙箱需要用户等级达到 {}", rules.sandbox_grade), Action::none);
      }
    }
  }
  // The sample of conditional data (ACC-3): any real-name verified user, no grant needed; it is
  // small and its sensitive fields are pseudonymized.
  if (channel == Channel::sample && entry.open_attribute == "conditional") {
    if (!actor.signed_in()) {
      return refuse("login_required", fmt::format("查看{}数据的样例请先登录并完成实名认证", rules.conditional_label),
                    Action::login);
    }
    if (!actor.verified) {
      return refuse("verification_required", fmt::format("查看{}数据的样例请先完成实名认证", rules.conditional_label),
                    Action::verify);
    }
    return full();
  }
  if (entry.open_attribute != "unconditional") {
    return decide_conditional(actor, entry, channel, rules, grants, now_ms);
  }

  // Unconditional data: the download rule (ACC-1). A profile without anonymous downloads asks
  // at least for a registered user.
  core::AccessRulesConfig rule = rules.download;
  if (!rules.anonymous_download && rule.download == "anonymous") rule.download = "registered";
  CallerStanding standing;
  standing.signed_in = actor.signed_in();
  standing.staff = actor.has_role("admin") || actor.has_role("authority") || actor.has_role("provider");
  standing.verified = actor.verified;
  standing.licence = actor.licence;
  Licence licence{rules.licence_version, rules.licence_title, {}, {}};
  auto met = check_download_rule(rule, licence, standing);
  if (met) return full();
  std::string slug = met.error().slug;
  std::string reason = met.error().message;
  if (!actor.signed_in() && !rules.anonymous_download && rules.download.download == "anonymous") {
    reason = "本平台不提供匿名下载：请先注册并登录，然后再下载数据；未登录时只能预览前几行";
  }
  if (is_query(channel)) {
    int rows = channel == Channel::preview ? std::max(1, rule.preview_rows) : rule.preview_rows;
    if (rows > 0) {
      Decision d;
      d.kind = Decision::Kind::preview;
      d.preview_rows = rows;
      d.slug = slug;
      d.reason = fmt::format("{}（可预览前 {} 行）", reason, rows);
      d.action = action_of(slug);
      d.http_status = 200;
      return d;
    }
  }
  return refuse(slug, reason, action_of(slug));
}

}  // namespace kf::access
