// name id_number gender_of birth_of mobile phone plate.
#include <array>

#include "demo/calendar.h"
#include "demo/city.h"
#include "demo/gen.h"
#include "demo/words.h"

namespace kf::demo {
namespace {

char id_check(std::string_view first17) {
  static constexpr std::array<int, 17> kW = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kC = "10X98765432";
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kW[i];
  return kC[static_cast<std::size_t>(sum % 11)];
}

// Unique within the entry: the row number, permuted, picks (birth day, sequence number).
// With a fixed gender only sequence numbers of that parity are used (odd: male).
class IdNumberGen : public ValueGen {
 public:
  IdNumberGen(std::int64_t first_day, Permutation perm, NameGender g)
      : first_day_(first_day), perm_(perm), gender_(g) {}
  void emit(Rng& rng, const GenContext& ctx, std::string& out) override {
    std::uint64_t v = perm_.at(ctx.row);
    if (gender_ != NameGender::any) {
      v = v / 500 * 1000 + v % 500 * 2 + (gender_ == NameGender::male ? 1 : 0);
    }
    const std::size_t start = out.size();
    out += pick_district(rng).code;
    int y = 0, m = 0, d = 0;
    civil_from_days(first_day_ + static_cast<std::int64_t>(v / 1000), y, m, d);
    append_padded(out, y, 4);
    append_padded(out, m, 2);
    append_padded(out, d, 2);
    append_padded(out, static_cast<std::int64_t>(v % 1000), 3);
    out.push_back(id_check(std::string_view(out).substr(start, 17)));
  }

 private:
  std::int64_t first_day_;
  Permutation perm_;
  NameGender gender_;
};

bool id_is_male(const std::string& id) { return id.size() == 18 && (id[16] - '0') % 2 == 1; }

class NameGen : public ValueGen {
 public:
  NameGen(std::optional<std::size_t> id, NameGender g) : id_(id), gender_(g) {}
  void emit(Rng& rng, const GenContext& ctx, std::string& out) override {
    NameGender g = gender_;
    if (id_) {
      const std::string& v = (*ctx.values)[*id_];
      if (v == "男" || v == "1") {
        g = NameGender::male;
      } else if (v == "女" || v == "2") {
        g = NameGender::female;
      } else if (v.size() == 18) {
        g = id_is_male(v) ? NameGender::male : NameGender::female;
      }
    }
    append_person_name(rng, g, out);
  }

 private:
  std::optional<std::size_t> id_;
  NameGender gender_;
};

Result<NameGender> gender_option(SpecParts& p, const BuildScope& scope) {
  const auto g = p.take("gender");
  if (!g) return NameGender::any;
  if (*g == "male") return NameGender::male;
  if (*g == "female") return NameGender::female;
  return scope.bad("gender 应为 male 或 female");
}

class FromIdGen : public ValueGen {
 public:
  enum class What { gender, gender_code, birth };
  FromIdGen(std::size_t id, What what) : id_(id), what_(what) {}
  void emit(Rng&, const GenContext& ctx, std::string& out) override {
    const std::string& id = (*ctx.values)[id_];
    if (id.size() != 18) return;
    switch (what_) {
      case What::gender: out += id_is_male(id) ? "男" : "女"; break;
      case What::gender_code: out += id_is_male(id) ? "1" : "2"; break;
      case What::birth:
        out.append(id, 6, 4);
        out.push_back('-');
        out.append(id, 10, 2);
        out.push_back('-');
        out.append(id, 12, 2);
        break;
    }
  }

 private:
  std::size_t id_;
  What what_;
};

class MobileGen : public ValueGen {
 public:
  explicit MobileGen(bool masked) : masked_(masked) {}
  void emit(Rng& rng, const GenContext&, std::string& out) override {
    static constexpr std::array<std::string_view, 40> kPrefixes = {
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
        "150", "151", "152", "153", "155", "156", "157", "158", "159", "166",
        "170", "171", "173", "175", "176", "177", "178", "180", "181", "182",
        "183", "184", "185", "186", "187", "188", "189", "191", "198", "199"};
    out += kPrefixes[rng.below(kPrefixes.size())];
    for (int i = 0; i < 8; ++i) {
      const char c = static_cast<char>('0' + rng.below(10));
      out.push_back(masked_ && i < 4 ? '*' : c);
    }
  }

 private:
  bool masked_;
};

class PhoneGen : public ValueGen {
 public:
  void emit(Rng& rng, const GenContext&, std::string& out) override {
    out += kAreaCode;
    out.push_back('-');
    out.push_back(static_cast<char>('2' + rng.below(7)));
    for (int i = 0; i < 6; ++i) out.push_back(static_cast<char>('0' + rng.below(10)));
  }
};

// 鲁G (Weifang) plates: ordinary 鲁G·A1B23, new energy 鲁G·D12345.
class PlateGen : public ValueGen {
 public:
  explicit PlateGen(std::uint32_t ev_ppm) : ev_ppm_(ev_ppm) {}
  void emit(Rng& rng, const GenContext&, std::string& out) override {
    static constexpr std::string_view kLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    out += "鲁G";
    if (rng.chance_ppm(ev_ppm_)) {
      out.push_back(rng.below(2) == 0 ? 'D' : 'F');
      for (int i = 0; i < 5; ++i) out.push_back(static_cast<char>('0' + rng.below(10)));
      return;
    }
    out.push_back(kLetters[rng.below(kLetters.size())]);
    for (int i = 0; i < 4; ++i) {
      if (rng.below(5) == 0) {
        out.push_back(kLetters[rng.below(kLetters.size())]);
      } else {
        out.push_back(static_cast<char>('0' + rng.below(10)));
      }
    }
  }

 private:
  std::uint32_t ev_ppm_;
};

}  // namespace

Result<GenPtr> build_person(SpecParts& p, const BuildScope& scope) {
  const std::string& k = p.kind;
  if (k == "id_number") {
    const std::string birth = p.take("birth").value_or("1945-01-01..2007-12-31");
    const auto range = split_range(birth);
    const auto lo = range ? parse_date(range->first) : std::nullopt;
    const auto hi = range ? parse_date(range->second) : std::nullopt;
    if (!lo || !hi || *lo > *hi || *lo < days_from_civil(1900, 1, 1)) {
      return scope.bad("birth 应写作 YYYY-MM-DD..YYYY-MM-DD");
    }
    KF_ASSIGN(auto gender, gender_option(p, scope));
    const auto space = static_cast<std::uint64_t>(*hi - *lo + 1) * (gender == NameGender::any ? 1000 : 500);
    if (space < scope.rows) return scope.bad("出生日期范围太小，不足以生成不重复的身份证号");
    return GenPtr(std::make_unique<IdNumberGen>(*lo, Permutation(space, *scope.setup), gender));
  }
  if (k == "name") {
    std::optional<std::size_t> id;
    if (!p.arg.empty()) {
      KF_ASSIGN(id, scope.ref(p.arg));
    }
    KF_ASSIGN(auto gender, gender_option(p, scope));
    return GenPtr(std::make_unique<NameGen>(id, gender));
  }
  if (k == "gender_of" || k == "birth_of") {
    KF_ASSIGN(auto id, scope.ref(p.arg));
    auto what = k == "birth_of"  ? FromIdGen::What::birth
                : p.flag("code") ? FromIdGen::What::gender_code
                                 : FromIdGen::What::gender;
    return GenPtr(std::make_unique<FromIdGen>(id, what));
  }
  if (k == "mobile") return GenPtr(std::make_unique<MobileGen>(p.flag("masked")));
  if (k == "phone") return GenPtr(std::make_unique<PhoneGen>());
  auto ev = parse_ppm(p.take("ev").value_or("0.15"));  // plate
  if (!ev) return scope.bad("ev 应为 0–1 之间的概率");
  return GenPtr(std::make_unique<PlateGen>(*ev));
}

}  // namespace kf::demo
