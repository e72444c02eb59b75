#include "calendar/calendar.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

namespace kf::calendar {

namespace fs = std::filesystem;
using std::chrono::days;
using std::chrono::sys_days;

namespace {

int key_of(Date d) { return static_cast<int>(sys_days(d).time_since_epoch().count()); }
Date date_of(int key) { return Date(sys_days(days(key))); }

bool is_weekend(Date d) {
  auto wd = std::chrono::weekday(sys_days(d));
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

// Mon–Fri days with a key below `key` counted from the Monday 1970-01-05 (key 4); negative
// before it. Differences of two values count the weekdays in between.
long long weekdays_before(long long key) {
  long long t = key - 4;
  long long weeks = t >= 0 ? t / 7 : -((-t + 6) / 7);
  long long rem = t - weeks * 7;
  return weeks * 5 + std::min(rem, 5LL);
}

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2999;

// Errors of one year file: "2026.toml 第 7 行：…" (no file name for request bodies).
class Problems {
 public:
  explicit Problems(std::string_view source) : prefix_(source.empty() ? "" : std::string(source) + " ") {}
  Error at(const toml::node& n, std::string_view what) const { return at_line(n.source().begin.line, what); }
  Error at_line(std::uint32_t line, std::string_view what) const {
    return Error::invalid(fmt::format("{}第 {} 行：{}", prefix_, line, what));
  }
  Error whole(std::string_view what) const { return Error::invalid(fmt::format("{}{}", prefix_, what)); }

 private:
  std::string prefix_;
};

Result<Date> date_value(const toml::node& n, const Problems& p) {
  if (const auto* d = n.as_date()) {
    Date out{std::chrono::year(d->get().year), std::chrono::month(d->get().month), std::chrono::day(d->get().day)};
    if (out.ok()) return out;
  } else if (const auto* s = n.as_string()) {
    if (auto out = parse_date(s->get())) return *out;
  }
  return p.at(n, "date 应为日期，如 2026-10-01");
}

struct YearDoc {
  int year = 0;
  std::vector<DayInfo> holidays, workdays;
};

Result<void> read_list(const toml::table& root, std::string_view key, DayKind kind, const YearDoc& doc,
                       const Problems& p, std::vector<DayInfo>& out) {
  const toml::node* n = root.get(key);
  if (!n) {
    if (kind == DayKind::holiday) return p.whole("缺少 holidays（节假日列表）");
    return ok();
  }
  const auto* arr = n->as_array();
  if (!arr) return p.at(*n, fmt::format("{} 应为数组，如 [ {{ date = 2026-10-01, name = \"国庆节\" }} ]", key));
  for (const toml::node& item : *arr) {
    const auto* t = item.as_table();
    if (!t) return p.at(item, fmt::format("{} 的每一项应为 {{ date = …, name = \"…\" }}", key));
    for (const auto& [k, v] : *t) {
      if (k.str() != "date" && k.str() != "name") return p.at(v, fmt::format("未知的字段 {}", k.str()));
    }
    const toml::node* dn = t->get("date");
    if (!dn) return p.at(item, "缺少 date");
    KF_ASSIGN(Date d, date_value(*dn, p));
    if (static_cast<int>(d.year()) != doc.year) {
      return p.at(*dn, fmt::format("日期 {} 不在 {} 年内", to_string(d), doc.year));
    }
    std::string name;
    if (const toml::node* nn = t->get("name")) {
      const auto* s = nn->as_string();
      if (!s) return p.at(*nn, "name 应为字符串");
      name = s->get();
    }
    if (kind == DayKind::holiday && name.empty()) {
      return p.at(item, fmt::format("节假日 {} 缺少名称（name）", to_string(d)));
    }
    if (kind == DayKind::makeup_workday && !is_weekend(d)) {
      return p.at(*dn, fmt::format("调休上班日 {} 不是周六或周日", to_string(d)));
    }
    for (const std::vector<DayInfo>* list : {&doc.holidays, &doc.workdays, &static_cast<const std::vector<DayInfo>&>(out)}) {
      for (const auto& seen : *list) {
        if (seen.date != d) continue;
        return p.at(*dn, seen.kind == kind ? fmt::format("日期 {} 重复", to_string(d))
                                           : fmt::format("日期 {} 不能既是节假日又是调休上班日", to_string(d)));
      }
    }
    out.push_back({d, kind, std::move(name)});
  }
  return ok();
}

Result<YearDoc> parse_doc(std::string_view text, std::string_view source) {
  Problems p(source);
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return p.whole(fmt::format("不是有效的 TOML（第 {} 行）：{}", e.source().begin.line, e.description()));
  }
  for (const auto& [k, v] : root) {
    if (k.str() != "year" && k.str() != "holidays" && k.str() != "workdays") {
      return p.at(v, fmt::format("未知的字段 {}（只允许 year、holidays、workdays）", k.str()));
    }
  }
  YearDoc doc;
  const toml::node* y = root.get("year");
  if (!y) return p.whole("缺少 year（年份）");
  auto year = y->value<std::int64_t>();
  if (!year || !y->is_integer() || *year < kMinYear || *year > kMaxYear) {
    return p.at(*y, fmt::format("year 应为 {}–{} 之间的整数", kMinYear, kMaxYear));
  }
  doc.year = static_cast<int>(*year);
  std::vector<DayInfo> holidays, workdays;
  KF_TRY(read_list(root, "holidays", DayKind::holiday, doc, p, holidays));
  doc.holidays = std::move(holidays);
  KF_TRY(read_list(root, "workdays", DayKind::makeup_workday, doc, p, workdays));
  doc.workdays = std::move(workdays);
  return doc;
}

}  // namespace

Result<Date> parse_date(std::string_view s) {
  auto bad = [&] { return Error::invalid(fmt::format("日期应为 YYYY-MM-DD 格式的有效日期：{}", s.substr(0, 40))); };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return bad();
  int parts[3] = {0, 0, 0};
  std::size_t starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (std::size_t k = starts[i]; k < starts[i] + lens[i]; ++k) {
      if (s[k] < '0' || s[k] > '9') return bad();
      parts[i] = parts[i] * 10 + (s[k] - '0');
    }
  }
  Date d{std::chrono::year(parts[0]), std::chrono::month(static_cast<unsigned>(parts[1])),
         std::chrono::day(static_cast<unsigned>(parts[2]))};
  if (!d.ok() || parts[0] == 0) return bad();
  return d;
}

std::string to_string(Date d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

std::string_view to_string(DayKind k) {
  switch (k) {
    case DayKind::working: return "working";
    case DayKind::weekend: return "weekend";
    case DayKind::holiday: return "holiday";
    case DayKind::makeup_workday: return "makeup_workday";
  }
  return "working";
}

Result<WorkCalendar> WorkCalendar::parse_year(std::string_view toml, std::string_view source) {
  KF_ASSIGN(YearDoc doc, parse_doc(toml, source));
  WorkCalendar cal;
  cal.set_year(doc.year, std::move(doc.holidays), std::move(doc.workdays));
  return cal;
}

Result<WorkCalendar> WorkCalendar::load_dir(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Error::not_found("找不到节假日数据目录：" + dir);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path());
  }
  if (ec) return Error::internal("listing " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  WorkCalendar cal;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::internal("cannot read " + path.string());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string name = path.string();
    KF_ASSIGN(WorkCalendar one, parse_year(ss.str(), name));
    std::string stem = path.stem().string();
    if (one.years() != std::vector<int>{std::atoi(stem.c_str())}) {
      return Error::invalid(fmt::format("{} 的 year = {} 与文件名不一致", name, one.years().at(0)));
    }
    cal.overlay(one);
  }
  return cal;
}

void WorkCalendar::set_year(int year, std::vector<DayInfo> holidays, std::vector<DayInfo> workdays) {
  const Date first{std::chrono::year(year), std::chrono::January, std::chrono::day(1)};
  const Date last{std::chrono::year(year), std::chrono::December, std::chrono::day(31)};
  special_.erase(special_.lower_bound(key_of(first)), special_.upper_bound(key_of(last)));
  auto put = [&](std::vector<DayInfo>& list, DayKind kind) {
    for (auto& d : list) {
      if (static_cast<int>(d.date.year()) != year || !d.date.ok()) continue;
      d.kind = kind;
      special_[key_of(d.date)] = std::move(d);
    }
  };
  put(holidays, DayKind::holiday);
  put(workdays, DayKind::makeup_workday);
  years_.insert(year);
}

void WorkCalendar::overlay(const WorkCalendar& other) {
  for (int year : other.years_) {
    std::vector<DayInfo> holidays, workdays;
    for (auto& d : other.special_days(year)) (d.kind == DayKind::holiday ? holidays : workdays).push_back(d);
    set_year(year, std::move(holidays), std::move(workdays));
  }
}

bool WorkCalendar::is_working_day(Date d) const {
  auto it = special_.find(key_of(d));
  if (it != special_.end()) return it->second.kind == DayKind::makeup_workday;
  return !is_weekend(d);
}

DayInfo WorkCalendar::day(Date d) const {
  auto it = special_.find(key_of(d));
  if (it != special_.end()) return it->second;
  return {d, is_weekend(d) ? DayKind::weekend : DayKind::working, {}};
}

std::vector<DayInfo> WorkCalendar::special_days(int year) const {
  const Date first{std::chrono::year(year), std::chrono::January, std::chrono::day(1)};
  const Date last{std::chrono::year(year), std::chrono::December, std::chrono::day(31)};
  std::vector<DayInfo> out;
  for (auto it = special_.lower_bound(key_of(first)); it != special_.end() && it->first <= key_of(last); ++it) {
    out.push_back(it->second);
  }
  return out;
}

Date WorkCalendar::add_working_days(Date d, int n) const {
  int key = key_of(d);
  if (n == 0) {
    while (!is_working_day(date_of(key))) ++key;
    return date_of(key);
  }
  const int step = n > 0 ? 1 : -1;
  for (int left = n > 0 ? n : -n; left > 0;) {
    key += step;
    if (is_working_day(date_of(key))) --left;
  }
  return date_of(key);
}

int WorkCalendar::working_days_between(Date a, Date b) const {
  if (b < a) return -working_days_between(b, a);
  // Plain Mon–Fri count, then each holiday or make-up day in (a, b] that changes it.
  const int ka = key_of(a), kb = key_of(b);
  long long n = weekdays_before(kb + 1LL) - weekdays_before(ka + 1LL);
  for (auto it = special_.upper_bound(ka); it != special_.end() && it->first <= kb; ++it) {
    const bool plain = !is_weekend(it->second.date);
    const bool actual = it->second.kind == DayKind::makeup_workday;
    n += static_cast<int>(actual) - static_cast<int>(plain);
  }
  return static_cast<int>(n);
}

std::string to_toml(const WorkCalendar& cal, int year, std::string_view header_comment) {
  static constexpr const char* kWeekdays[] = {"周日", "周一", "周二", "周三", "周四", "周五", "周六"};
  std::string holidays, workdays;
  for (const auto& d : cal.special_days(year)) {
    std::string quoted = "\"";
    for (char c : d.name) {
      if (c == '"' || c == '\\') quoted += '\\';
      if (static_cast<unsigned char>(c) < 0x20) {
        quoted += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
        continue;
      }
      quoted += c;
    }
    quoted += '"';
    std::string line = fmt::format("  {{ date = {}, name = {} }},  # {}\n", to_string(d.date), quoted,
                                   kWeekdays[std::chrono::weekday(sys_days(d.date)).c_encoding()]);
    (d.kind == DayKind::holiday ? holidays : workdays) += line;
  }
  std::string out;
  if (!header_comment.empty()) out += fmt::format("# {}\n", header_comment);
  out += fmt::format("year = {}\nholidays = [\n{}]\nworkdays = [\n{}]\n", year, holidays, workdays);
  return out;
}

}  // namespace kf::calendar
