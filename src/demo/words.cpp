#include "demo/words.h"

#include <charconv>

namespace kf::demo {
namespace {

template <typename T>
const T& pick(Rng& rng, std::span<const T> pool) {
  return pool[rng.below(pool.size())];
}

std::string_view pick_weighted(Rng& rng, std::span<const Weighted> pool) {
  int total = 0;
  for (const auto& w : pool) total += w.weight;
  auto r = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
  for (const auto& w : pool) {
    if (r < w.weight) return w.text;
    r -= w.weight;
  }
  return pool.back().text;
}

void append_int(std::string& out, std::uint64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

// A trade name (字号) of two or, one time in four, three characters.
void append_brand(Rng& rng, std::string& out) {
  out += pick(rng, brand_first());
  const std::string_view second = pick(rng, brand_second());
  out += second;
  if (rng.below(4) == 0) {
    const std::string_view third = pick(rng, brand_second());
    if (third != second) out += third;
  }
}

// 潍坊 / 山东 / the district's short name, by where the entity registered.
void append_place(const District* d, Rng& rng, std::string& out) {
  if (d != nullptr && d->kind != "市辖区" && rng.below(100) < 70) {
    out += d->short_name;
  } else if (rng.below(100) < 85) {
    out += "潍坊";
  } else {
    out += "山东";
  }
}

}  // namespace

const District& pick_district(Rng& rng) {
  int total = 0;
  for (const auto& d : districts()) total += d.weight;
  auto r = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
  for (const auto& d : districts()) {
    if (r < d.weight) return d;
    r -= d.weight;
  }
  return districts().back();
}

void append_person_name(Rng& rng, NameGender gender, std::string& out) {
  out += pick_weighted(rng, surnames());
  if (gender == NameGender::any) gender = rng.below(2) == 0 ? NameGender::male : NameGender::female;
  const auto gendered = gender == NameGender::male ? given_male() : given_female();
  if (rng.below(100) < 72) {  // two given-name characters
    out += rng.below(2) == 0 ? pick(rng, given_any()) : pick(rng, gendered);
  }
  out += pick(rng, gendered);
}

const District* district_of(std::string_view v) {
  if (v.size() == 18) return find_district(v.substr(2, 6));
  return find_district(v);
}

void append_entity_name(std::string_view uscc, Rng& rng, std::string& out) {
  if (uscc.size() == 18) {
    out += entity_profile(uscc).name;
    return;
  }
  append_place(nullptr, rng, out);
  append_brand(rng, out);
  out += pick(rng, industries()).words;
  out += pick_weighted(rng, company_suffixes());
}

EntityProfile entity_profile(std::string_view uscc) {
  EntityProfile p;
  std::string& out = p.name;
  Rng own(hash_str(uscc));
  const District* d = district_of(uscc);
  const std::string_view place = d != nullptr ? d->name : kCityName;
  const std::string_view prefix = uscc.substr(0, 2);
  if (prefix == "92") {  // 个体工商户: 奎文区老王家常菜馆 style
    out += place;
    // Surnames drawn uniformly here, so that 王记 does not repeat too often in one district.
    const auto roll = own.below(100);
    if (roll < 12) {
      out += pick(own, surnames()).text;
      out += own.below(2) == 0 ? "记" : "氏";
    } else if (roll < 18) {
      out += "老";
      out += pick(own, surnames()).text;
      out += "家";
    } else {
      append_brand(own, out);
    }
    const Trade& t = pick(own, shop_kinds());
    out += t.words;
    p.section = t.section;
  } else if (prefix == "93") {  // 农民专业合作社
    out += place;
    out += pick(own, village_words());
    if (own.below(2) == 0) append_brand(own, out);
    out += pick(own, coop_kinds());
    out += "专业合作社";
    p.section = 'A';
  } else if (prefix == "51") {  // 社会团体
    out += place;
    out += pick(own, society_topics());
    const auto roll = own.below(10);
    out += roll < 6 ? "协会" : roll < 9 ? "研究会" : "商会";
    p.section = 'S';
  } else if (prefix == "52") {  // 民办非企业单位
    out += place;
    append_brand(own, out);
    static constexpr std::string_view kKinds[] = {"养老服务中心", "社会工作服务中心", "培训学校",
                                                  "幼儿园", "康复中心", "文化艺术中心"};
    out += kKinds[own.below(std::size(kKinds))];
    p.section = 'S';
  } else if (prefix == "53") {  // 基金会
    out += kCityName;
    append_brand(own, out);
    out += own.below(2) == 0 ? "公益基金会" : "慈善基金会";
    p.section = 'S';
  } else if (prefix == "31") {  // 律师事务所
    out += "山东";
    append_brand(own, out);
    out += "律师事务所";
    p.section = 'L';
  } else if (prefix == "91") {
    append_place(d, own, out);
    append_brand(own, out);
    const Trade& t = pick(own, industries());
    out += t.words;
    out += pick_weighted(own, company_suffixes());
    p.section = t.section;
  } else {  // 事业单位 and others
    out += place;
    append_brand(own, out);
    out += own.below(2) == 0 ? "服务中心" : "事务中心";
    p.section = 'S';
  }
  return p;
}

void append_address(const District& d, Rng& rng, std::string& out) {
  out += kProvinceName;
  out += kCityName;
  out += d.name;
  out += pick(rng, d.roads);
  append_int(out, 1 + rng.below(rng.below(4) == 0 ? 3000 : 800));
  out += "号";
  if (rng.below(100) < 30) {
    append_brand(rng, out);
    out += pick(rng, estate_words());
    append_int(out, 1 + rng.below(32));
    out += "号楼";
  }
}

}  // namespace kf::demo
