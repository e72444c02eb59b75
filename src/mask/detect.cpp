#include "mask/detect.h"

#include <algorithm>

#include "mask/detectors.h"
#include "mask/utf8.h"

namespace kf::mask {
namespace detail {

bool label_suggests(Kind kind, std::string_view l) {
  if (l.empty()) return false;
  switch (kind) {
    case Kind::id_number:
      return contains_any(l, {"身份证", "证件号", "公民身份", "id_number", "id_card", "idcard"});
    case Kind::mobile:
      return contains_any(l, {"手机", "移动电话", "联系电话", "联系方式", "电话", "mobile", "phone"});
    case Kind::landline:
      return contains_any(l, {"电话", "座机", "固话", "传真", "phone", "tel", "Tel"});
    case Kind::email:
      return contains_any(l, {"邮箱", "邮件", "email", "Email", "mail"});
    case Kind::bank_card:
      return contains_any(l, {"银行卡", "卡号", "账号", "帐号", "bank", "card"});
    case Kind::credit_code:
      return contains_any(l, {"信用代码", "统一代码", "uscc", "credit_code"});
    case Kind::plate:
      return contains_any(l, {"车牌", "号牌", "plate"});
    case Kind::passport:
      return contains_any(l, {"护照", "passport"});
    case Kind::name:
      return contains_any(l, {"姓名", "名字", "联系人", "法定代表人", "法人代表", "负责人", "申请人",
                              "经办人", "户主", "患者", "当事人", "投诉人", "举报人", "收件人",
                              "监护人", "被告", "原告", "name"}) &&
             !label_excludes(Kind::name, l);
    case Kind::address:
      return contains_any(l, {"地址", "住址", "居住地", "户籍地", "住所", "所在地", "address"});
    case Kind::ip:
      return l == "ip" || contains_any(l, {"IP", "ip地址", "ip_addr"});
    case Kind::gps:
      return contains_any(l, {"坐标", "经纬度", "位置", "经度", "纬度", "gps", "GPS", "location"});
    case Kind::birth_date:
      return contains_any(l, {"出生", "生日", "birth", "Birth", "dob", "DOB"});
  }
  return false;
}

bool label_excludes(Kind kind, std::string_view l) {
  if (l.empty()) return false;
  // Serial numbers, order numbers and codes: digits that identify a thing, not a person.
  const bool serial = contains_any(l, {"订单", "单号", "编号", "流水", "序号", "批次", "编码",
                                       "order", "serial"}) ||
                      (contains(l, "代码") && !contains(l, "信用代码"));
  switch (kind) {
    case Kind::mobile:
    case Kind::bank_card:
    case Kind::landline:
    case Kind::passport:
      return serial;
    case Kind::name:
      return contains_any(l, {"单位名称", "企业名称", "机构名称", "公司名称", "项目名称", "名称",
                              "company", "org"}) &&
             !contains(l, "姓名");
    case Kind::address:
      return contains_any(l, {"网址", "邮箱", "IP地址", "ip地址", "url", "URL"});
    case Kind::ip:
      return contains_any(l, {"版本", "version"});
    default:
      return false;
  }
}

}  // namespace detail

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::id_number: return "id_number";
    case Kind::mobile: return "mobile";
    case Kind::landline: return "landline";
    case Kind::email: return "email";
    case Kind::bank_card: return "bank_card";
    case Kind::credit_code: return "credit_code";
    case Kind::plate: return "plate";
    case Kind::passport: return "passport";
    case Kind::name: return "name";
    case Kind::address: return "address";
    case Kind::ip: return "ip";
    case Kind::gps: return "gps";
    case Kind::birth_date: return "birth_date";
  }
  return "unknown";
}

std::vector<Detection> detect(std::string_view value, std::string_view column_label) {
  using Fn = double (*)(std::string_view, std::string_view);
  static constexpr std::pair<Kind, Fn> kDetectors[] = {
      {Kind::id_number, detail::id_number}, {Kind::mobile, detail::mobile},
      {Kind::landline, detail::landline},   {Kind::email, detail::email},
      {Kind::bank_card, detail::bank_card}, {Kind::credit_code, detail::credit_code},
      {Kind::plate, detail::plate},         {Kind::passport, detail::passport},
      {Kind::name, detail::person_name},    {Kind::address, detail::address},
      {Kind::ip, detail::ip},               {Kind::gps, detail::gps},
      {Kind::birth_date, detail::birth_date}};
  std::vector<Detection> out;
  const std::string_view v = detail::trim(value);
  if (v.empty() || v.size() > 1024) return out;  // long text is not one identifier
  for (const auto& [kind, fn] : kDetectors) {
    if (const double c = fn(v, column_label); c > 0) out.push_back({kind, c});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Detection& a, const Detection& b) { return a.confidence > b.confidence; });
  return out;
}

}  // namespace kf::mask
