#include "mask/grading.h"

namespace kf::mask {

bool is_personal(Kind kind) { return kind != Kind::credit_code; }

std::string suggested_grade(Kind kind) {
  switch (kind) {
    case Kind::id_number:
    case Kind::passport:
    case Kind::bank_card:
      return "L4";
    case Kind::credit_code:
      return "";
    default:
      return "L3";
  }
}

std::string suggested_pattern(Kind kind) {
  switch (kind) {
    case Kind::id_number: return "[0-9]{17}[0-9Xx]|[0-9]{15}";
    case Kind::mobile: return "1[3-9][0-9]{9}";
    case Kind::landline: return "0[0-9]{2,3}-[1-9][0-9]{6,7}";
    case Kind::email: return "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+";
    case Kind::bank_card: return "[0-9]{16,19}";
    case Kind::passport: return "[A-Za-z][A-Za-z0-9][0-9]{7}";
    case Kind::ip: return "[0-9]{1,3}(\\.[0-9]{1,3}){3}";
    default: return "";
  }
}

std::string_view kind_label(Kind kind) {
  switch (kind) {
    case Kind::id_number: return "居民身份证号码";
    case Kind::mobile: return "手机号码";
    case Kind::landline: return "固定电话号码";
    case Kind::email: return "电子邮箱";
    case Kind::bank_card: return "银行卡号";
    case Kind::credit_code: return "统一社会信用代码";
    case Kind::plate: return "机动车号牌";
    case Kind::passport: return "护照号码";
    case Kind::name: return "姓名";
    case Kind::address: return "住址";
    case Kind::ip: return "IP 地址";
    case Kind::gps: return "经纬度坐标";
    case Kind::birth_date: return "出生日期";
  }
  return "个人信息";
}

std::string higher_grade(std::string_view a, std::string_view b) { return std::string(a < b ? b : a); }

}  // namespace kf::mask
