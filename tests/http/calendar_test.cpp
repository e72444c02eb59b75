// The working-day calendar API (issue 6): a year's schedule from the shipped files, working-day
// arithmetic, and an administrator's correction of a year, visible at once.
#include "harness.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using CalendarTest = BackendTest;

std::vector<std::string> dates(const json::value& list) {
  std::vector<std::string> out;
  for (const auto& d : list.as_array()) out.emplace_back(d.at("date").as_string());
  return out;
}

constexpr const char* kCorrected2026 = R"(# 2026 corrected by hand
year = 2026
holidays = [
  { date = 2026-10-01, name = "国庆节" },
  { date = 2026-10-08, name = "国庆节" },
]
workdays = [
  { date = 2026-10-10, name = "国庆节调休" },
]
)";

TEST_P(CalendarTest, AYearFromTheShippedScheduleAndWorkingDayArithmetic) {
  TestServer s(GetParam());
  Client anon = s.client();

  auto years = anon.get("/api/v1/calendar");
  ASSERT_EQ(years.status, 200) << years.body;
  EXPECT_EQ(json::serialize(years.json().at("years")), "[2020,2021,2022,2023,2024,2025,2026]");

  auto y = anon.get("/api/v1/calendar/2026");
  ASSERT_EQ(y.status, 200) << y.body;
  const auto& body = y.json();
  EXPECT_EQ(body.at("covered"), true);
  EXPECT_EQ(dates(body.at("workdays")),
            (std::vector<std::string>{"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}));
  const auto& first = body.at("holidays").as_array().at(0);
  EXPECT_EQ(first.at("date"), "2026-01-01");
  EXPECT_EQ(first.at("name"), "元旦");
  EXPECT_EQ(first.at("weekday"), "周四");
  EXPECT_EQ(body.at("workdays").as_array().at(1).at("name"), "春节调休");
  EXPECT_EQ(body.at("counts").at("holidays"), 33);
  EXPECT_EQ(body.at("counts").at("makeup_workdays"), 6);
  // 261 weekdays in 2026, 19 of the holidays fall on one, 6 make-up weekend days.
  EXPECT_EQ(body.at("counts").at("holidays_on_weekdays"), 19);
  EXPECT_EQ(body.at("counts").at("working_days"), 261 - 19 + 6);

  auto toml = anon.get("/api/v1/calendar/2025?format=toml");
  ASSERT_EQ(toml.status, 200);
  EXPECT_NE(toml.body.find("{ date = 2025-10-06, name = \"中秋\" }"), std::string::npos) << toml.body;
  EXPECT_EQ(anon.get("/api/v1/calendar/2031?format=toml").status, 404);
  auto plain = anon.get("/api/v1/calendar/2031");
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.json().at("covered"), false);
  EXPECT_EQ(plain.json().at("holidays").as_array().size(), 0u);

  auto next = anon.get("/api/v1/calendar/working-days?from=2026-09-30&n=1");
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(next.json().at("date"), "2026-10-08");
  EXPECT_EQ(next.json().at("covered"), true);
  auto saturday = anon.get("/api/v1/calendar/working-days?from=2026-09-28&n=5");
  EXPECT_EQ(saturday.json().at("date"), "2026-10-10");
  EXPECT_EQ(saturday.json().at("weekday"), "周六");
  EXPECT_EQ(anon.get("/api/v1/calendar/working-days?from=2025-02-05&n=-1").json().at("date"), "2025-01-27");
  auto span = anon.get("/api/v1/calendar/working-days?from=2025-01-24&to=2025-02-09");
  ASSERT_EQ(span.status, 200) << span.body;
  EXPECT_EQ(span.json().at("working_days"), 6);
  EXPECT_EQ(anon.get("/api/v1/calendar/working-days?from=2025-02-09&to=2025-01-24").json().at("working_days"), -6);
  EXPECT_EQ(anon.get("/api/v1/calendar/working-days?from=2030-01-01&n=1").json().at("covered"), false);

  // Bad input is a 400 naming the parameter.
  auto bad_date = anon.get("/api/v1/calendar/working-days?from=2026-02-30&n=1");
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_NE(bad_date.error_message().find("YYYY-MM-DD"), std::string::npos) << bad_date.body;
  EXPECT_EQ(anon.get("/api/v1/calendar/working-days?from=2026-01-01").status, 400);
  EXPECT_EQ(anon.get("/api/v1/calendar/working-days?from=2026-01-01&n=1&to=2026-02-01").status, 400);
  EXPECT_EQ(anon.get("/api/v1/calendar/working-days?from=2026-01-01&n=x").status, 400);
  EXPECT_EQ(anon.get("/api/v1/calendar/working-days?from=2026-01-01&n=99999").status, 400);
  EXPECT_EQ(anon.get("/api/v1/calendar/26").status, 400);
}

TEST_P(CalendarTest, AdministratorsCorrectAYearAndTheChangeIsVisibleAtOnce) {
  TestServer s(GetParam());
  const std::map<std::string, std::string> text{{"Content-Type", "text/plain; charset=utf-8"}};

  // Only administrators; anonymous callers are asked to log in.
  Client anon = s.client();
  EXPECT_EQ(anon.request("PUT", "/api/v1/calendar/2026", kCorrected2026, text).status, 401);
  Client provider = s.session_as("provider");
  auto h = text;
  h["X-CSRF-Token"] = provider.csrf;
  EXPECT_EQ(provider.request("PUT", "/api/v1/calendar/2026", kCorrected2026, h).status, 403);

  Client admin = s.client();
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
  h = text;
  h["X-CSRF-Token"] = admin.csrf;
  // A bad file: 400 with the line and what is wrong, in Chinese; nothing changes.
  std::string weekday_workday = "year = 2026\nholidays = [ { date = 2026-10-01, name = \"国庆节\" } ]\n"
                                "workdays = [\n  { date = 2026-10-09, name = \"国庆节调休\" },\n]\n";
  auto bad = admin.request("PUT", "/api/v1/calendar/2026", weekday_workday, h);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_message(), "第 4 行：调休上班日 2026-10-09 不是周六或周日");
  auto broken = admin.request("PUT", "/api/v1/calendar/2026", "year = 2026\nholidays = [\n", h);
  EXPECT_EQ(broken.status, 400);
  EXPECT_NE(broken.error_message().find("不是有效的 TOML"), std::string::npos) << broken.body;
  auto other_year = admin.request("PUT", "/api/v1/calendar/2027", kCorrected2026, h);
  EXPECT_EQ(other_year.status, 400);
  EXPECT_NE(other_year.error_message().find("与要修改的年份 2027 不一致"), std::string::npos) << other_year.body;
  auto as_json = admin.request("PUT", "/api/v1/calendar/2026", "{\"holidays\": []}",
                               {{"X-CSRF-Token", admin.csrf}, {"Content-Type", "application/json"}});
  EXPECT_EQ(as_json.status, 400);
  EXPECT_NE(as_json.error_message().find("TOML"), std::string::npos);
  EXPECT_EQ(anon.get("/api/v1/calendar/working-days?from=2026-09-30&n=1").json().at("date"), "2026-10-08");

  auto saved = admin.request("PUT", "/api/v1/calendar/2026", kCorrected2026, h);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json().at("counts").at("holidays"), 2);
  // At once, for everyone: 10-02 is now a working day and 10-08 a holiday.
  EXPECT_EQ(anon.get("/api/v1/calendar/working-days?from=2026-09-30&n=1").json().at("date"), "2026-10-02");
  EXPECT_EQ(anon.get("/api/v1/calendar/working-days?from=2026-10-07&n=1").json().at("date"), "2026-10-09");
  EXPECT_EQ(dates(anon.get("/api/v1/calendar/2026").json().at("holidays")),
            (std::vector<std::string>{"2026-10-01", "2026-10-08"}));
  EXPECT_EQ(s.runtime().calendar->get()->special_days(2026).size(), 3u);
  // Other years keep the shipped schedule; a new year can be added.
  EXPECT_EQ(anon.get("/api/v1/calendar/2025").json().at("counts").at("holidays"), 28);
  auto added = admin.request("PUT", "/api/v1/calendar/2027",
                             "year = 2027\nholidays = [ { date = 2027-01-01, name = \"元旦\" } ]\n", h);
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(json::serialize(anon.get("/api/v1/calendar").json().at("years")), "[2020,2021,2022,2023,2024,2025,2026,2027]");
  EXPECT_EQ(anon.get("/api/v1/calendar/working-days?from=2026-12-31&n=1").json().at("date"), "2027-01-04");
}

KF_BACKEND_SUITE(CalendarTest);

}  // namespace
}  // namespace kf::test
