// The access decision (decision.h): staff, states, profile flags, the download rule, grants.
#include "access/decision.h"

#include <gtest/gtest.h>

namespace kf::access {
namespace {

using Kind = Decision::Kind;
constexpr std::int64_t kNow = 1'800'000'000'000;

Subject entry(const std::string& open = "unconditional") {
  Subject s;
  s.code = "E-1";
  s.state = "published";
  s.open_attribute = open;
  s.provider_id = 7;
  s.provider_name = "潍坊市交通运输局";
  s.fields = {"线路", "票价", "司机"};
  return s;
}

Actor user(std::int64_t id = 42) {
  Actor a;
  a.user_id = id;
  a.roles = {"user"};
  return a;
}

Rules verified_rule() {
  Rules r;
  r.download.download = "verified";
  r.download.require_licence = true;
  r.download.preview_rows = 5;
  r.licence_version = "1.0";
  r.licence_title = "公共数据开放许可协议";
  return r;
}

// A grant source for the tests: grants what it was given to user 42 on E-1.
class FakeGrants final : public GrantSource {
 public:
  explicit FakeGrants(Grant g, bool applications = false) : g_(std::move(g)), applications_(applications) {}
  std::optional<Grant> grant_for(const Actor& a, const Subject& e, Channel) const override {
    if (a.user_id == 42 && e.code == "E-1") return g_;
    return std::nullopt;
  }
  bool accepts_applications() const override { return applications_; }

 private:
  Grant g_;
  bool applications_;
};

TEST(AccessDecision, ChannelNamesRoundTrip) {
  for (auto c : {Channel::preview, Channel::rows, Channel::soda, Channel::ckan_datastore, Channel::download_csv,
                 Channel::download_xlsx, Channel::download_json, Channel::map, Channel::sample, Channel::sandbox,
                 Channel::verification}) {
    EXPECT_EQ(channel_from_string(to_string(c)), c) << to_string(c);
  }
  EXPECT_FALSE(channel_from_string("teleport"));
  EXPECT_TRUE(is_download(Channel::download_xlsx));
  EXPECT_FALSE(is_download(Channel::rows));
}

TEST(AccessDecision, AnonymousDefaultsServeUnconditionalDataInFull) {
  GrantRegistry none;
  for (auto c : {Channel::preview, Channel::rows, Channel::download_csv, Channel::download_json}) {
    EXPECT_EQ(decide(Actor{}, entry(), c, Rules{}, none, kNow).kind, Kind::full) << to_string(c);
  }
}

TEST(AccessDecision, TheDownloadRuleRefusesDownloadsAndLimitsQueriesToThePreview) {
  GrantRegistry none;
  Rules r = verified_rule();
  auto dl = decide(Actor{}, entry(), Channel::download_csv, r, none, kNow);
  EXPECT_EQ(dl.kind, Kind::refused);
  EXPECT_EQ(dl.slug, "login_required");
  EXPECT_EQ(dl.action, Action::login);
  EXPECT_EQ(dl.http_status, 403);
  auto rows = decide(Actor{}, entry(), Channel::rows, r, none, kNow);
  EXPECT_EQ(rows.kind, Kind::preview);
  EXPECT_EQ(rows.preview_rows, 5);
  EXPECT_NE(rows.reason.find("可预览前 5 行"), std::string::npos) << rows.reason;

  Actor u = user();
  EXPECT_EQ(decide(u, entry(), Channel::download_csv, r, none, kNow).action, Action::verify);
  u.verified = true;
  auto lic = decide(u, entry(), Channel::download_csv, r, none, kNow);
  EXPECT_EQ(lic.slug, "licence_required");
  EXPECT_EQ(lic.action, Action::accept_licence);
  u.licence = "1.0";
  EXPECT_EQ(decide(u, entry(), Channel::download_csv, r, none, kNow).kind, Kind::full);

  // No preview rows configured: queries are refused like downloads; the page preview keeps one row.
  r.download.preview_rows = 0;
  EXPECT_EQ(decide(Actor{}, entry(), Channel::rows, r, none, kNow).kind, Kind::refused);
  EXPECT_EQ(decide(Actor{}, entry(), Channel::preview, r, none, kNow).preview_rows, 1);
}

TEST(AccessDecision, NoAnonymousDownloadSaysRegisterAndLogIn) {
  GrantRegistry none;
  Rules r;  // [access] download = anonymous, but the profile forbids anonymous downloads
  r.anonymous_download = false;
  r.download.require_licence = false;
  auto d = decide(Actor{}, entry(), Channel::download_xlsx, r, none, kNow);
  ASSERT_EQ(d.kind, Kind::refused);
  EXPECT_EQ(d.slug, "login_required");
  EXPECT_EQ(d.action, Action::login);
  EXPECT_NE(d.reason.find("注册并登录"), std::string::npos) << d.reason;
  EXPECT_EQ(decide(Actor{}, entry(), Channel::preview, r, none, kNow).kind, Kind::preview);
  EXPECT_EQ(decide(user(), entry(), Channel::download_xlsx, r, none, kNow).kind, Kind::full);
}

TEST(AccessDecision, StaffReadTheirEntriesRawAndOthersSeeOnlyPublishedOnes) {
  GrantRegistry none;
  Rules r = verified_rule();
  Subject draft = entry("conditional");
  draft.state = "draft";
  Actor own = user(9);
  own.roles = {"provider"};
  own.org_ids = {7};
  for (const auto& who : {own, Actor{1, {"admin"}, {}, false, {}, {}}, Actor{2, {"authority"}, {}, false, {}, {}}}) {
    auto d = decide(who, draft, Channel::download_csv, r, none, kNow);
    EXPECT_EQ(d.kind, Kind::full);
    EXPECT_TRUE(d.raw_allowed);
  }
  Actor other = own;
  other.org_ids = {8};
  auto d = decide(other, draft, Channel::preview, r, none, kNow);
  EXPECT_EQ(d.slug, "not_published");
  EXPECT_EQ(d.http_status, 404);
  // Another provider's staff are exempt from the download rule for open data, without raw rows.
  auto open = decide(other, entry(), Channel::download_csv, r, none, kNow);
  EXPECT_EQ(open.kind, Kind::full);
  EXPECT_FALSE(open.raw_allowed);
  // … but not from the conditional-data rule.
  EXPECT_EQ(decide(other, entry("conditional"), Channel::rows, r, none, kNow).slug, "access_restricted");
}

TEST(AccessDecision, ConditionalAndNotOpenDataWithoutAGrantSayWhomToContact) {
  GrantRegistry none;
  for (auto c : {Channel::preview, Channel::rows, Channel::ckan_datastore, Channel::download_csv}) {
    auto d = decide(user(), entry("conditional"), c, Rules{}, none, kNow);
    EXPECT_EQ(d.kind, Kind::refused);
    EXPECT_EQ(d.slug, "access_restricted");
    EXPECT_EQ(d.action, Action::contact_provider);
    EXPECT_NE(d.reason.find("潍坊市交通运输局"), std::string::npos) << d.reason;
    // No application procedure exists: the text must not send users to one.
    EXPECT_EQ(d.reason.find("提交"), std::string::npos) << d.reason;
  }
  auto no = decide(user(), entry("not_open"), Channel::rows, Rules{}, none, kNow);
  EXPECT_EQ(no.slug, "access_restricted");
  EXPECT_NE(no.reason.find("不予开放"), std::string::npos);
}

TEST(AccessDecision, SamplesOfConditionalDataNeedARealNameNotAGrant) {
  GrantRegistry none;
  auto anon = decide(Actor{}, entry("conditional"), Channel::sample, Rules{}, none, kNow);
  EXPECT_EQ(anon.slug, "login_required");
  Actor u = user();
  u.verified = false;
  auto unverified = decide(u, entry("conditional"), Channel::sample, Rules{}, none, kNow);
  EXPECT_EQ(unverified.slug, "verification_required");
  EXPECT_EQ(unverified.action, Action::verify);
  u.verified = true;
  EXPECT_EQ(decide(u, entry("conditional"), Channel::sample, Rules{}, none, kNow).kind, Kind::full);
  EXPECT_EQ(decide(u, entry("not_open"), Channel::sample, Rules{}, none, kNow).slug, "access_restricted");
}

TEST(AccessDecision, AGrantThatIsNotActiveOrUsedUpSaysWhy) {
  struct One final : GrantSource {
    explicit One(Grant g) : g_(std::move(g)) {}
    std::optional<Grant> grant_for(const Actor&, const Subject&, Channel) const override { return g_; }
    bool accepts_applications() const override { return true; }
    Grant g_;
  };
  auto with = [](Grant g) {
    GrantRegistry r;
    r.add(std::make_shared<One>(std::move(g)));
    return decide(user(), entry("conditional"), Channel::rows, Rules{}, r, kNow);
  };
  Grant g;
  g.id = 7;
  g.source = "test";
  auto ok = with(g);
  EXPECT_EQ(ok.kind, Kind::full);
  EXPECT_EQ(ok.grant_id, 7);
  g.state = "suspended";
  g.state_reason = "超范围使用";
  auto suspended = with(g);
  EXPECT_EQ(suspended.slug, "grant_suspended");
  EXPECT_NE(suspended.reason.find("超范围使用"), std::string::npos);
  g.state = "terminated";
  EXPECT_EQ(with(g).slug, "grant_terminated");
  g.state = "active";
  g.calls_per_day = 5;
  g.calls_today = 5;
  auto quota = with(g);
  EXPECT_EQ(quota.slug, "quota_exceeded");
  EXPECT_EQ(quota.http_status, 429);
  g.calls_today = 4;
  g.rows_per_day = 100;
  g.rows_today = 100;
  EXPECT_EQ(with(g).slug, "quota_exceeded");
  g.rows_today = 99;
  EXPECT_EQ(with(g).kind, Kind::full);
}

TEST(AccessDecision, GrantsOpenConditionalDataForTheirFieldsChannelsAndTime) {
  GrantRegistry grants;
  Grant g;
  g.fields = {"线路", "票价"};
  g.channels = {Channel::rows, Channel::download_csv};
  g.expires_at = kNow + 1000;
  g.source = "fake";
  grants.add(std::make_shared<FakeGrants>(g));
  Rules r;
  auto d = decide(user(), entry("conditional"), Channel::rows, r, grants, kNow);
  ASSERT_EQ(d.kind, Kind::fields);
  EXPECT_EQ(d.fields, (std::vector<std::string>{"线路", "票价"}));
  EXPECT_EQ(d.grant_expires_at, kNow + 1000);
  EXPECT_FALSE(d.raw_allowed);
  // Not a granted channel.
  EXPECT_EQ(decide(user(), entry("conditional"), Channel::soda, r, grants, kNow).slug, "channel_not_allowed");
  // Expired: refused, saying so.
  EXPECT_EQ(decide(user(), entry("conditional"), Channel::rows, r, grants, kNow + 1000).slug, "grant_expired");
  // Somebody else, and anonymous callers, hold nothing.
  EXPECT_EQ(decide(user(43), entry("conditional"), Channel::rows, r, grants, kNow).kind, Kind::refused);
  EXPECT_EQ(decide(Actor{}, entry("conditional"), Channel::rows, r, grants, kNow).kind, Kind::refused);
  // Where conditional data is never downloadable, a grant does not make it so.
  r.conditional_downloadable = false;
  auto dl = decide(user(), entry("conditional"), Channel::download_csv, r, grants, kNow);
  EXPECT_EQ(dl.slug, "channel_not_allowed");
  EXPECT_EQ(decide(user(), entry("conditional"), Channel::rows, r, grants, kNow).kind, Kind::fields);
  // Not-open data stays closed whatever a source says.
  EXPECT_EQ(decide(user(), entry("not_open"), Channel::rows, r, grants, kNow).kind, Kind::refused);
}

TEST(AccessDecision, AGrantOfEveryFieldIsFullAndApplicationsAreOfferedOnlyWhenASourceTakesThem) {
  GrantRegistry grants;
  grants.add(std::make_shared<FakeGrants>(Grant{{}, {}, std::nullopt, "fake"}, true));
  EXPECT_EQ(decide(user(), entry("conditional"), Channel::soda, Rules{}, grants, kNow).kind, Kind::full);
  auto d = decide(user(43), entry("conditional"), Channel::soda, Rules{}, grants, kNow);
  EXPECT_EQ(d.slug, "apply_required");
  EXPECT_EQ(d.action, Action::apply);
  EXPECT_EQ(decide(Actor{}, entry("conditional"), Channel::soda, Rules{}, grants, kNow).action, Action::login);
}

TEST(AccessDecision, SharingOnlyServesNothingOutsideTheOrganisations) {
  GrantRegistry none;
  Rules r;
  r.sharing_only = true;
  for (auto c : {Channel::preview, Channel::rows, Channel::download_csv}) {
    auto d = decide(Actor{}, entry(), c, r, none, kNow);
    EXPECT_EQ(d.kind, Kind::refused) << to_string(c);
    EXPECT_EQ(d.slug, "sharing_only");
    EXPECT_EQ(d.action, Action::login);
  }
  EXPECT_EQ(decide(user(), entry(), Channel::rows, r, none, kNow).slug, "sharing_only");
  Actor clerk = user();
  clerk.org_ids = {8};
  EXPECT_EQ(decide(clerk, entry(), Channel::rows, r, none, kNow).kind, Kind::full);
}

TEST(AccessDecision, TheSandboxAsksForTheGradeWhereUsersAreGraded) {
  GrantRegistry grants;
  grants.add(std::make_shared<FakeGrants>(Grant{{}, {}, std::nullopt, "fake"}));
  Rules r;
  r.user_grades = true;
  r.grade_levels = {"A", "AA", "AAA"};
  r.sandbox_grade = "AAA";
  Actor u = user();
  EXPECT_EQ(decide(u, entry("conditional"), Channel::sandbox, r, grants, kNow).slug, "grade_required");
  u.grade = "AA";
  EXPECT_EQ(decide(u, entry("conditional"), Channel::sandbox, r, grants, kNow).slug, "grade_required");
  u.grade = "AAA";
  EXPECT_EQ(decide(u, entry("conditional"), Channel::sandbox, r, grants, kNow).kind, Kind::full);
  // Grades only matter for the sandbox.
  u.grade.reset();
  EXPECT_EQ(decide(u, entry("conditional"), Channel::rows, r, grants, kNow).kind, Kind::full);
  r.sandbox = false;
  EXPECT_EQ(decide(u, entry("conditional"), Channel::sandbox, r, grants, kNow).slug, "channel_not_allowed");
}

}  // namespace
}  // namespace kf::access
