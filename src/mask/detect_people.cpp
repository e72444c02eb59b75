// Free text about people: personal names and street addresses.
#include <algorithm>
#include <string>

#include "mask/detectors.h"
#include "mask/surnames.h"
#include "mask/utf8.h"

namespace kf::mask::detail {
namespace {

bool is_single_surname(std::string_view cp) {
  return cp.size() == 3 && kSingleSurnames.find(cp) != std::string_view::npos &&
         kSingleSurnames.find(cp) % 3 == 0;
}

bool is_double_surname(std::string_view two) {
  return std::find(std::begin(kDoubleSurnames), std::end(kDoubleSurnames), two) !=
         std::end(kDoubleSurnames);
}

// Words that make a short Chinese string an organisation, place or thing rather than a person.
bool org_or_place(std::string_view v) {
  return contains_any(v, {"公司", "集团", "中心", "委员会", "协会", "银行", "学校", "大学", "学院",
                          "医院", "政府", "街道", "社区", "办公室", "管理", "服务", "有限", "股份",
                          "工作", "项目", "系统", "信息", "部门", "单位", "企业", "合作社",
                          "事务所", "研究", "市场", "公路", "高速", "安全", "生产", "发展"}) ||
         ends_with_any(v, {"局", "厅", "处", "科", "办", "社", "馆", "店", "厂", "站", "院", "所",
                           "队", "会", "部", "省", "市", "区", "县", "镇", "乡", "村", "路", "街",
                           "司", "行", "组", "室", "园", "场", "港", "湖", "山", "河", "桥", "类",
                           "费", "额", "率", "量", "表", "证", "号", "款", "税", "业", "品"});
}

// Frequent two-character words that happen to start with a surname character.
bool common_word(std::string_view v) {
  static constexpr std::string_view kWords[] = {
      "方便", "高速", "黄色", "金额", "马上", "平安", "温度", "万元", "和平", "石油", "包装", "安全",
      "高级", "白色", "文化", "经济", "全部", "全国", "江南", "东方", "成本", "成功", "成立", "时间",
      "国家", "国际", "明确", "明天", "农业", "林业", "水利", "交通", "卫生", "任务", "常规", "康复",
      "齐全", "易燃", "于是", "向上", "应急", "应用", "信用", "管理", "党员", "党委", "宣传", "计划",
      "计算", "利润", "利率", "华北", "华东", "华南", "云南", "海南", "海洋", "海关", "南方", "南京",
      "江苏", "江西", "湖南", "贺卡", "龙头", "杨树", "高中", "初中", "商业", "商品", "房屋", "房产",
      "车辆", "车站", "路面", "路线", "司法", "公安", "公共", "公开", "公示", "严重", "正常", "合格"};
  return std::find(std::begin(kWords), std::end(kWords), v) != std::end(kWords);
}

}  // namespace

double person_name(std::string_view v, std::string_view label) {
  if (v.size() < 6 || v.size() > 12 + 3) return 0;  // 2-4 characters (a middle dot allowed)
  const auto cps = code_points(v);
  std::vector<std::string_view> chars;
  for (std::string_view cp : cps) {
    if (cp == "·" || cp == "•") continue;  // minority names written with a middle dot
    chars.push_back(cp);
  }
  if (chars.size() < 2 || chars.size() > 4) return 0;
  for (char32_t c : decode(v)) {
    if (!is_cjk(c) && c != U'·' && c != U'•') return 0;
  }
  if (label_excludes(Kind::name, label) || org_or_place(v)) return 0;
  const bool dbl = chars.size() >= 3 && is_double_surname(std::string(chars[0]) + std::string(chars[1]));
  const bool single = is_single_surname(chars[0]);
  if (!dbl && !single) return 0;
  if (!dbl && chars.size() == 4) return 0;  // four characters need a double surname
  const bool labelled = label_suggests(Kind::name, label);
  if (chars.size() == 2 && common_word(v)) return labelled ? 0.5 : 0;
  // Without context a two-character string is as likely a word as a name.
  double c = chars.size() == 2 ? 0.45 : 0.6;
  if (dbl) c = 0.75;
  if (labelled) c += 0.35;
  return std::min(c, 0.99);
}

double address(std::string_view v, std::string_view label) {
  if (v.size() < 12 || v.size() > 600) return 0;  // at least 4 Chinese characters
  if (label_excludes(Kind::address, label)) return 0;
  const auto chars = decode(v);
  if (std::none_of(chars.begin(), chars.end(), is_cjk)) return 0;
  // An organisation's name ("…区人民政府", "…有限公司") names a place but is not an address.
  if (ends_with_any(v, {"公司", "政府", "委员会", "局", "厅", "办公室", "协会", "银行", "集团"})) {
    return 0;
  }
  // A division marker after a proper name: "沧县", "奎文区", but not "本区", "全市", "市区".
  bool admin = false;
  const auto cps = code_points(v);
  for (std::size_t i = 1; i < cps.size() && !admin; ++i) {
    static constexpr std::string_view kMarkers[] = {"省", "市", "区", "县", "镇", "乡", "旗"};
    static constexpr std::string_view kDeictic[] = {"本", "全", "该", "各", "我", "市", "省", "区",
                                                    "县", "城", "郊", "辖", "地", "分", "社", "小"};
    auto in = [](std::string_view c, const auto& set) {
      return std::find(std::begin(set), std::end(set), c) != std::end(set);
    };
    admin = in(cps[i], kMarkers) && !in(cps[i - 1], kDeictic);
  }
  const bool road = contains_any(v, {"路", "街", "巷", "弄", "胡同", "大道", "村", "组", "小区",
                                     "社区", "花园", "公寓", "大厦"});
  // A house number: digits followed by 号 / 栋 / 幢 / 室 / 单元 / 楼 / 弄 / 组.
  bool number = false;
  for (std::size_t i = 0; i + 1 < v.size(); ++i) {
    if (!is_digit(v[i]) || is_digit(v[i + 1])) continue;
    const std::string_view after = v.substr(i + 1);
    if (after.starts_with("号") || after.starts_with("栋") || after.starts_with("幢") ||
        after.starts_with("室") || after.starts_with("单元") || after.starts_with("楼") ||
        after.starts_with("弄") || after.starts_with("组") || after.starts_with("-")) {
      number = true;
      break;
    }
  }
  double c = 0;
  if (admin && road && number) {
    c = 0.95;
  } else if ((admin && road) || (road && number)) {
    c = 0.8;
  } else if (admin && number) {
    c = 0.7;
  } else {
    return 0;
  }
  if (label_suggests(Kind::address, label)) c = std::min(0.99, c + 0.15);
  return c;
}

}  // namespace kf::mask::detail
