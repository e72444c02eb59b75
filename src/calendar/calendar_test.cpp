// The working-day calendar on the shipped schedule (data/holidays/2025.toml and 2026.toml):
// expected dates below are read from those files, not from memory.
#include "calendar/calendar.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "calendar/calendar_store.h"

namespace kf::calendar {
namespace {

namespace fs = std::filesystem;

std::string source_dir() {
  if (const char* d = std::getenv("KF_SOURCE_DIR")) return d;
  return fs::path(__FILE__).parent_path().parent_path().parent_path().string();
}

Date D(std::string_view iso) {
  auto d = parse_date(iso);
  EXPECT_TRUE(d) << iso;
  return d ? *d : Date{};
}

std::string add(const WorkCalendar& c, std::string_view from, int n) { return to_string(c.add_working_days(D(from), n)); }
int between(const WorkCalendar& c, std::string_view a, std::string_view b) { return c.working_days_between(D(a), D(b)); }

class Shipped : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto c = WorkCalendar::load_dir(source_dir() + "/data/holidays");
    ASSERT_TRUE(c) << c.error().message;
    cal_ = new WorkCalendar(std::move(*c));
  }
  static void TearDownTestSuite() { delete cal_; }
  static WorkCalendar* cal_;
  const WorkCalendar& cal() { return *cal_; }
};
WorkCalendar* Shipped::cal_ = nullptr;

TEST(Dates, ParseAndFormatOnlyRealIsoDates) {
  EXPECT_EQ(to_string(D("2026-10-08")), "2026-10-08");
  EXPECT_EQ(to_string(D("2024-02-29")), "2024-02-29");
  for (const char* bad : {"2025-02-29", "2026-13-01", "2026-1-01", "20261008", "2026-10-08T00:00", "", "abcd-ef-gh"}) {
    auto d = parse_date(bad);
    ASSERT_FALSE(d) << bad;
    EXPECT_EQ(d.error().code, ErrorCode::invalid_argument);
  }
}

TEST_F(Shipped, CoversTheGeneratedYears) {
  EXPECT_EQ(cal().years(), (std::vector<int>{2020, 2021, 2022, 2023, 2024, 2025, 2026}));
  EXPECT_TRUE(cal().covers(2026));
  EXPECT_FALSE(cal().covers(2019));
}

TEST_F(Shipped, TheIssueExamplesAroundNationalDay2026) {
  EXPECT_EQ(add(cal(), "2026-09-30", 1), "2026-10-08");
  EXPECT_EQ(add(cal(), "2026-09-28", 5), "2026-10-10");  // a make-up working Saturday
  DayInfo sat = cal().day(D("2026-10-10"));
  EXPECT_EQ(sat.kind, DayKind::makeup_workday);
  EXPECT_EQ(sat.name, "国庆节调休");
  // n = 0: the day itself when working, else the next working day.
  EXPECT_EQ(add(cal(), "2026-09-30", 0), "2026-09-30");
  EXPECT_EQ(add(cal(), "2026-10-01", 0), "2026-10-08");
  // Backwards over the same holiday.
  EXPECT_EQ(add(cal(), "2026-10-08", -1), "2026-09-30");
  EXPECT_EQ(add(cal(), "2026-10-10", -5), "2026-09-28");
  // The week of National Day (Mon 09-28 … Sun 10-04): three working days.
  EXPECT_EQ(between(cal(), "2026-09-27", "2026-10-04"), 3);
  EXPECT_EQ(between(cal(), "2026-09-30", "2026-10-07"), 0);
}

TEST_F(Shipped, SpringFestival2025) {
  // 春节 2025: holidays 01-28 (Tue) … 02-04 (Tue); make-up Sun 01-26 and Sat 02-08.
  EXPECT_EQ(cal().day(D("2025-01-28")).kind, DayKind::holiday);
  EXPECT_EQ(cal().day(D("2025-02-01")).name, "春节");
  EXPECT_EQ(add(cal(), "2025-01-27", 1), "2025-02-05");  // last working day before → first after
  EXPECT_EQ(add(cal(), "2025-01-24", 1), "2025-01-26");  // Friday → the make-up Sunday
  EXPECT_EQ(add(cal(), "2025-01-24", 3), "2025-02-05");
  EXPECT_EQ(add(cal(), "2025-02-07", 1), "2025-02-08");
  EXPECT_EQ(add(cal(), "2025-02-05", -1), "2025-01-27");
  // Week Mon 01-27 … Sun 02-02: only the Monday works; (01-24, 02-09]: 01-26, 01-27, 02-05 … 02-08.
  EXPECT_EQ(between(cal(), "2025-01-26", "2025-02-02"), 1);
  EXPECT_EQ(between(cal(), "2025-01-24", "2025-02-09"), 6);
  EXPECT_EQ(between(cal(), "2025-01-27", "2025-02-04"), 0);
}

TEST_F(Shipped, SpringFestival2026) {
  // 春节 2026: holidays 02-15 (Sun) … 02-23 (Mon); make-up Sat 02-14 and Sat 02-28.
  EXPECT_EQ(add(cal(), "2026-02-13", 1), "2026-02-14");
  EXPECT_EQ(add(cal(), "2026-02-14", 1), "2026-02-24");  // the last working day before is a Saturday
  EXPECT_EQ(add(cal(), "2026-02-13", 5), "2026-02-27");
  EXPECT_EQ(add(cal(), "2026-02-13", 6), "2026-02-28");
  EXPECT_EQ(add(cal(), "2026-02-24", -1), "2026-02-14");
  EXPECT_EQ(add(cal(), "2026-02-24", -2), "2026-02-13");
  // Week Mon 02-16 … Sun 02-22: no working day at all.
  EXPECT_EQ(between(cal(), "2026-02-15", "2026-02-22"), 0);
  EXPECT_EQ(between(cal(), "2026-02-13", "2026-02-28"), 6);
}

TEST_F(Shipped, NationalDay2025WithMidAutumn) {
  // 国庆 2025: 10-01 (Wed) … 10-08 (Wed), 10-06 is 中秋; make-up Sun 09-28 and Sat 10-11.
  DayInfo mid = cal().day(D("2025-10-06"));
  EXPECT_EQ(mid.kind, DayKind::holiday);
  EXPECT_EQ(mid.name, "中秋");
  EXPECT_EQ(cal().day(D("2025-10-08")).name, "国庆节");
  EXPECT_EQ(add(cal(), "2025-09-30", 1), "2025-10-09");
  EXPECT_EQ(add(cal(), "2025-09-30", 3), "2025-10-11");
  EXPECT_EQ(add(cal(), "2025-09-26", 1), "2025-09-28");
  EXPECT_EQ(add(cal(), "2025-10-09", -1), "2025-09-30");
  EXPECT_EQ(between(cal(), "2025-09-28", "2025-10-05"), 2);  // week Mon 09-29 … Sun 10-05
  EXPECT_EQ(between(cal(), "2025-09-26", "2025-10-12"), 6);
  EXPECT_EQ(between(cal(), "2025-09-30", "2025-10-08"), 0);
}

TEST_F(Shipped, EveryMakeUpWeekendOf2025And2026WorksAndTheWeekendsAroundItDoNot) {
  std::vector<std::string> seen;
  for (int year : {2025, 2026}) {
    for (const auto& d : cal().special_days(year)) {
      if (d.kind != DayKind::makeup_workday) continue;
      seen.push_back(to_string(d.date));
      EXPECT_TRUE(cal().is_working_day(d.date)) << to_string(d.date);
      EXPECT_TRUE(d.name.ends_with("调休")) << d.name;
      for (int week : {-7, 7}) {
        Date other{std::chrono::sys_days(d.date) + std::chrono::days(week)};
        EXPECT_FALSE(cal().is_working_day(other)) << to_string(other);
        EXPECT_NE(cal().day(other).kind, DayKind::working);
      }
    }
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
                                            "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
                                            "2026-10-10"}));
}

TEST_F(Shipped, BetweenIsAntisymmetricAndInverseOfAdd) {
  EXPECT_EQ(between(cal(), "2026-10-08", "2026-10-08"), 0);
  for (auto [a, b] : std::vector<std::pair<const char*, const char*>>{{"2025-01-24", "2025-02-09"},
                                                                      {"2025-12-31", "2026-01-05"},
                                                                      {"2024-12-28", "2026-12-31"},
                                                                      {"2026-09-30", "2026-10-08"}}) {
    EXPECT_EQ(between(cal(), a, b), -between(cal(), b, a)) << a << " " << b;
  }
  EXPECT_EQ(between(cal(), "2026-10-08", "2026-09-30"), -1);
  // Over every day of 2025–2026 (and into uncovered 2027), adding n and counting agree.
  for (Date d = D("2025-01-01"); d <= D("2026-12-31"); d = Date{std::chrono::sys_days(d) + std::chrono::days(1)}) {
    for (int n : {1, 5, 20}) {
      Date fwd = cal().add_working_days(d, n);
      ASSERT_EQ(cal().working_days_between(d, fwd), n) << to_string(d) << " + " << n;
      ASSERT_TRUE(cal().is_working_day(fwd));
      Date back = cal().add_working_days(d, -n);
      ASSERT_EQ(cal().working_days_between(back, d), n - 1 + (cal().is_working_day(d) ? 1 : 0)) << to_string(d);
    }
  }
}

TEST_F(Shipped, UncoveredYearsArePlainMondayToFriday) {
  EXPECT_TRUE(cal().is_working_day(D("2019-10-01")));  // no 2019 file: a Tuesday works
  EXPECT_FALSE(cal().is_working_day(D("2030-01-05")));  // a Saturday
  EXPECT_EQ(cal().day(D("2030-01-01")).kind, DayKind::working);
  EXPECT_EQ(add(cal(), "2030-01-04", 1), "2030-01-07");
  EXPECT_EQ(between(cal(), "2029-12-30", "2030-01-06"), 5);
}

constexpr const char* kCorrected2026 = R"(year = 2026
holidays = [
  { date = 2026-10-01, name = "国庆节" },
  { date = 2026-10-08, name = "国庆节" },
]
workdays = [ { date = 2026-10-10, name = "国庆节调休" } ]
)";

TEST_F(Shipped, AYearOverrideReplacesTheFileYear) {
  auto fix = WorkCalendar::parse_year(kCorrected2026);
  ASSERT_TRUE(fix) << fix.error().message;
  WorkCalendar c = cal();
  c.overlay(*fix);
  EXPECT_EQ(add(c, "2026-09-30", 1), "2026-10-02");
  EXPECT_EQ(add(c, "2026-10-07", 1), "2026-10-09");
  EXPECT_TRUE(c.is_working_day(D("2026-02-16")));  // the file's 春节 is gone with the file year
  EXPECT_FALSE(c.is_working_day(D("2025-01-28")));  // other years untouched
  EXPECT_EQ(c.special_days(2026).size(), 3u);
  // The original is unchanged (values, not shared state).
  EXPECT_EQ(add(cal(), "2026-09-30", 1), "2026-10-08");
  // set_year does the same from lists.
  c.set_year(2026, {{D("2026-10-05"), DayKind::working, "国庆节"}}, {});
  EXPECT_EQ(c.day(D("2026-10-05")).kind, DayKind::holiday);
  EXPECT_TRUE(c.is_working_day(D("2026-10-01")));
}

TEST_F(Shipped, ExportedTomlReadsBackToTheSameYear) {
  std::string text = to_toml(cal(), 2025);
  auto back = WorkCalendar::parse_year(text);
  ASSERT_TRUE(back) << back.error().message << "\n" << text;
  auto a = cal().special_days(2025), b = back->special_days(2025);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].date, b[i].date);
    EXPECT_EQ(a[i].kind, b[i].kind);
    EXPECT_EQ(a[i].name, b[i].name);
  }
  WorkCalendar odd;
  odd.set_year(2031, {{D("2031-01-01"), DayKind::holiday, "say \"hi\" \\ 元旦"}}, {});
  auto odd_back = WorkCalendar::parse_year(to_toml(odd, 2031, "header"));
  ASSERT_TRUE(odd_back) << odd_back.error().message;
  EXPECT_EQ(odd_back->day(D("2031-01-01")).name, "say \"hi\" \\ 元旦");
}

struct BadFile {
  const char* text;
  const char* expected;  // part of the message after the file name
};

TEST(Malformed, FilesAreRefusedWithTheFileAndLine) {
  fs::path dir = fs::temp_directory_path() / ("kf_calendar_test_" + std::to_string(getpid()));
  const BadFile cases[] = {
      {"year = 2026\nholidays = [\n  { date = 2026-10-01, name = \"国庆节\" },\n  { date = 2026-10-07 },\n]\n",
       "第 4 行：节假日 2026-10-07 缺少名称"},
      {"year = 2026\nholidays = []\nworkdays = [\n  { date = 2026-10-09, name = \"x\" },\n]\n",
       "第 4 行：调休上班日 2026-10-09 不是周六或周日"},
      {"year = 2026\nholidays = [ { date = 2025-10-01, name = \"国庆节\" } ]\n", "第 2 行：日期 2025-10-01 不在 2026 年内"},
      {"year = 2026\nholidays = [\n { date = 2026-10-10, name = \"a\" },\n]\nworkdays = [\n { date = 2026-10-10 },\n]\n",
       "第 6 行：日期 2026-10-10 不能既是节假日又是调休上班日"},
      {"year = 2026\nholidays = [ { date = 2026-10-01, name = \"a\" }, { date = 2026-10-01, name = \"a\" } ]\n",
       "第 2 行：日期 2026-10-01 重复"},
      {"year = 2026\nholidays = [ { date = 2026-02-30, name = \"a\" } ]\n", "不是有效的 TOML（第 2 行）"},
      {"year = 2026\nholiday = []\n", "第 2 行：未知的字段 holiday"},
      {"year = 2026\nholidays = [ { date = \"10/01/2026\", name = \"a\" } ]\n", "第 2 行：date 应为日期"},
      {"year = 2025\nholidays = []\n", "year = 2025 与文件名不一致"},
  };
  for (const auto& c : cases) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "2025.toml") << "year = 2025\nholidays = []\n";
    std::ofstream(dir / "2026.toml") << c.text;
    auto r = WorkCalendar::load_dir(dir.string());
    ASSERT_FALSE(r) << c.text;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(r.error().message.find((dir / "2026.toml").string() + " "), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(c.expected), std::string::npos) << r.error().message;
  }
  fs::remove_all(dir);
  EXPECT_EQ(WorkCalendar::load_dir(dir.string()).error().code, ErrorCode::not_found);
}

class Store : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kf_calendar_store_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    auto c = db::connect("sqlite:" + (dir_ / "t.db").string());
    ASSERT_TRUE(c) << c.error().detail;
    conn_ = std::move(*c);
    auto m = migrations();
    ASSERT_TRUE(db::migrate(*conn_, m));
  }
  void TearDown() override {
    conn_.reset();
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::unique_ptr<db::Connection> conn_;
};

TEST_F(Store, SavedYearsOverrideTheFilesAndBadOnesAreRefused) {
  const std::string files = source_dir() + "/data/holidays";
  auto before = load_calendar(*conn_, files);
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_EQ(add(*before, "2026-09-30", 1), "2026-10-08");

  ASSERT_TRUE(save_year(*conn_, 2026, kCorrected2026, "admin", 1000));
  std::string y2027 = "year = 2027\nholidays = [ { date = 2027-01-01, name = \"元旦\" } ]\n";
  ASSERT_TRUE(save_year(*conn_, 2027, y2027, "admin", 1000));
  auto after = load_calendar(*conn_, files);
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(add(*after, "2026-09-30", 1), "2026-10-02");
  EXPECT_TRUE(after->covers(2027));
  EXPECT_FALSE(after->is_working_day(D("2027-01-01")));
  EXPECT_FALSE(after->is_working_day(D("2025-10-08")));  // file years stay

  // Saving again replaces; the year must match; invalid files never reach the table.
  ASSERT_TRUE(save_year(*conn_, 2027, "year = 2027\nholidays = []\n", "admin", 2000));
  auto mismatch = save_year(*conn_, 2028, y2027, "admin", 2000);
  ASSERT_FALSE(mismatch);
  EXPECT_NE(mismatch.error().message.find("不一致"), std::string::npos);
  auto invalid = save_year(*conn_, 2027, "year = 2027\nholidays = []\nworkdays = [ { date = 2027-01-04 } ]\n", "admin", 2000);
  ASSERT_FALSE(invalid);
  EXPECT_NE(invalid.error().message.find("第 3 行"), std::string::npos) << invalid.error().message;
  auto last = load_calendar(*conn_, files);
  ASSERT_TRUE(last);
  EXPECT_TRUE(last->is_working_day(D("2027-01-01")));
  // A missing folder leaves the database years only.
  auto only_db = load_calendar(*conn_, (dir_ / "none").string());
  ASSERT_TRUE(only_db) << only_db.error().message;
  EXPECT_EQ(only_db->years(), (std::vector<int>{2026, 2027}));
}

}  // namespace
}  // namespace kf::calendar
