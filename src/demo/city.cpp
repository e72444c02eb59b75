#include "demo/city.h"

#include <array>

namespace kf::demo {
namespace {

using SV = std::string_view;

constexpr std::array<SV, 10> kWeicheng = {"胜利西街", "东风西街", "和平路", "向阳路", "北宫西街",
                                          "健康西街", "月河路", "西环路", "福寿西街", "玉清西街"};
constexpr std::array<SV, 8> kHanting = {"通亭街", "民主街", "海龙路", "北海路",
                                        "友谊路", "樱前街", "前进路", "杨家埠路"};
constexpr std::array<SV, 8> kFangzi = {"北海南路", "凤山路", "坊安街", "龙泉街",
                                       "郑公街", "崇文街", "潍安路", "九龙街"};
constexpr std::array<SV, 12> kKuiwen = {"东风东街", "胜利东街", "健康东街", "福寿东街",
                                        "新华路",   "北海路",   "四平路",   "虞河路",
                                        "鸢飞路",   "文化路",   "宝通街",   "玉清东街"};
constexpr std::array<SV, 6> kLinqu = {"民主路", "骈邑路", "兴隆路", "东城街", "龙泉路", "朐山路"};
constexpr std::array<SV, 6> kChangle = {"新城街", "首阳山路", "方山路", "北岩路", "利民街", "恒安街"};
constexpr std::array<SV, 7> kQingzhou = {"云门山路", "范公亭路", "海岱路", "驼山路",
                                         "玲珑山路", "昭德街",   "偶园街"};
constexpr std::array<SV, 6> kZhucheng = {"密州路", "和平街", "东坡街", "兴华路", "府前街", "龙城路"};
constexpr std::array<SV, 7> kShouguang = {"圣城街", "农圣街", "文圣街", "金光街",
                                          "渤海路", "银海路", "建新街"};
constexpr std::array<SV, 6> kAnqiu = {"青云山路", "新安路", "兴安路", "人民路", "永安路", "汶水路"};
constexpr std::array<SV, 6> kGaomi = {"凤凰大街", "醴泉大街", "康成大街", "夷安大道", "人民大街", "朝阳街"};
constexpr std::array<SV, 6> kChangyi = {"北海路", "利民街", "奎聚街", "文山路", "博乐街", "潍水路"};

constexpr std::array<District, 12> kDistricts = {{
    {"370702", "潍城区", "潍城", "市辖区", 50, 36'710'000, 119'020'000, kWeicheng},
    {"370703", "寒亭区", "寒亭", "市辖区", 42, 36'775'000, 119'210'000, kHanting},
    {"370704", "坊子区", "坊子", "市辖区", 56, 36'655'000, 119'165'000, kFangzi},
    {"370705", "奎文区", "奎文", "市辖区", 70, 36'707'000, 119'132'000, kKuiwen},
    {"370724", "临朐县", "临朐", "县", 78, 36'512'000, 118'542'000, kLinqu},
    {"370725", "昌乐县", "昌乐", "县", 62, 36'706'000, 118'830'000, kChangle},
    {"370781", "青州市", "青州", "县级市", 96, 36'685'000, 118'480'000, kQingzhou},
    {"370782", "诸城市", "诸城", "县级市", 109, 35'995'000, 119'410'000, kZhucheng},
    {"370783", "寿光市", "寿光", "县级市", 116, 36'856'000, 118'791'000, kShouguang},
    {"370784", "安丘市", "安丘", "县级市", 90, 36'478'000, 119'219'000, kAnqiu},
    {"370785", "高密市", "高密", "县级市", 86, 36'383'000, 119'755'000, kGaomi},
    {"370786", "昌邑市", "昌邑", "县级市", 57, 36'859'000, 119'398'000, kChangyi},
}};

constexpr std::array<Weighted, 48> kSurnames = {{
    {"王", 90}, {"张", 80}, {"李", 75}, {"刘", 60}, {"孙", 40}, {"杨", 30}, {"赵", 28},
    {"陈", 25}, {"徐", 22}, {"高", 22}, {"马", 18}, {"于", 18}, {"郭", 15}, {"宋", 14},
    {"董", 13}, {"韩", 12}, {"曹", 10}, {"田", 9},  {"丁", 9},  {"周", 9},  {"吴", 8},
    {"朱", 8},  {"胡", 8},  {"崔", 8},  {"魏", 7},  {"孟", 7},  {"秦", 6},  {"侯", 6},
    {"郑", 6},  {"谭", 5},  {"邢", 5},  {"袁", 5},  {"冯", 5},  {"程", 5},  {"薛", 4},
    {"范", 4},  {"牛", 4},  {"单", 4},  {"臧", 3},  {"管", 3},  {"隋", 3},  {"綦", 2},
    {"逄", 2},  {"蔺", 2},  {"葛", 3},  {"欧阳", 1}, {"诸葛", 1}, {"司马", 1},
}};

constexpr std::array<SV, 32> kGivenMale = {
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "宁", "健", "峰", "亮", "凯", "林", "东", "阳", "浩", "宇", "博", "俊", "晨", "昊"};
constexpr std::array<SV, 32> kGivenFemale = {
    "静", "丽", "敏", "燕", "艳", "娟", "霞", "芳", "娜", "玲", "婷", "雪", "琳", "慧", "倩", "颖",
    "洁", "萍", "红", "梅", "晶", "欣", "怡", "佳", "悦", "雯", "璐", "妍", "菲", "蕾", "瑶", "琪"};
constexpr std::array<SV, 24> kGivenAny = {"文", "晓", "志", "海", "春", "玉", "宏", "子",
                                          "一", "思", "雨", "梓", "嘉", "建", "立", "新",
                                          "永", "秀", "爱", "国", "德", "世", "金", "瑞"};

constexpr std::array<SV, 40> kBrandFirst = {
    "鸿", "恒", "华", "金", "瑞", "鑫", "宏", "盛", "海", "天", "润", "博", "新", "永",
    "众", "德", "安", "嘉", "昊", "泰", "兴", "百", "福", "佳", "聚", "联", "诚", "盈",
    "东", "远", "凯", "乐", "绿", "丰", "汇", "弘", "浩", "信", "鲁", "齐"};
constexpr std::array<SV, 40> kBrandSecond = {
    "达", "信", "丰", "诺", "祥", "源", "图", "世", "纳", "成", "泽", "远", "元", "盛",
    "鑫", "润", "泰", "禾", "天", "和", "旺", "川", "瑞", "力", "创", "科", "方", "航",
    "通", "毅", "宇", "康", "野", "辉", "隆", "邦", "安", "晟", "越", "铭"};
constexpr std::array<Trade, 40> kIndustries = {{
    {"机械制造", 'C'},   {"汽车零部件", 'C'}, {"化工", 'C'},         {"纺织", 'C'},
    {"食品", 'C'},       {"农业科技", 'A'},   {"建筑工程", 'E'},     {"物流", 'G'},
    {"商贸", 'F'},       {"电子科技", 'C'},   {"信息技术", 'I'},     {"餐饮管理", 'H'},
    {"医疗器械", 'C'},   {"新材料", 'C'},     {"环保科技", 'M'},     {"房地产开发", 'K'},
    {"物业管理", 'K'},   {"广告传媒", 'L'},   {"文化传播", 'R'},     {"教育咨询", 'P'},
    {"建材", 'C'},       {"钢结构", 'E'},     {"印刷包装", 'C'},     {"生物科技", 'M'},
    {"新能源科技", 'M'}, {"风筝工艺品", 'C'}, {"蔬菜种苗", 'A'},     {"木业", 'C'},
    {"家具", 'C'},       {"服装", 'C'},       {"装饰工程", 'E'},     {"劳务服务", 'L'},
    {"企业管理咨询", 'L'}, {"供应链管理", 'L'}, {"网络科技", 'I'},   {"智能装备", 'C'},
    {"海洋化工", 'C'},   {"热电", 'D'},       {"动力机械", 'C'},     {"健康管理", 'O'},
}};
constexpr std::array<Weighted, 4> kCompanySuffixes = {{
    {"有限公司", 80}, {"有限责任公司", 12}, {"股份有限公司", 6}, {"集团有限公司", 2},
}};
constexpr std::array<Trade, 30> kShopKinds = {{
    {"便利店", 'F'},     {"五金店", 'F'},     {"水饺馆", 'H'},       {"理发店", 'O'},
    {"超市", 'F'},       {"烟酒店", 'F'},     {"日用品店", 'F'},     {"服装店", 'F'},
    {"蔬菜批发部", 'F'}, {"手机维修部", 'O'}, {"汽车修理厂", 'O'},   {"烧烤店", 'H'},
    {"早餐店", 'H'},     {"家电维修部", 'O'}, {"文具店", 'F'},       {"茶叶店", 'F'},
    {"干洗店", 'O'},     {"美甲店", 'O'},     {"快递服务部", 'G'},   {"装饰材料经营部", 'F'},
    {"农资门市部", 'F'}, {"朝天锅店", 'H'},   {"肉火烧铺", 'H'},     {"和乐店", 'H'},
    {"面馆", 'H'},       {"水果店", 'F'},     {"粮油店", 'F'},       {"建材经营部", 'F'},
    {"电动车行", 'F'},   {"眼镜店", 'F'},
}};
constexpr std::array<SV, 16> kCoopKinds = {
    "蔬菜种植", "果蔬种植", "大姜种植", "萝卜种植", "樱桃种植", "苹果种植", "生猪养殖", "肉鸡养殖",
    "小麦种植", "玉米种植", "花卉种植", "西瓜种植", "板栗种植", "蜜桃种植", "奶牛养殖", "农机服务"};
constexpr std::array<SV, 24> kVillageWords = {
    "洛城", "古城", "稻田", "孙家", "王家", "前河", "东庄", "西营", "南岭", "北店", "双王", "三里",
    "田柳", "营里", "台头", "化龙", "纪台", "圣城", "文家", "侯镇", "朱里", "柳疃", "夏店", "五图"};
constexpr std::array<SV, 20> kSocietyTopics = {
    "风筝", "书法家", "摄影家", "餐饮行业", "软件行业", "物流", "蔬菜产业", "围棋", "篮球",
    "志愿者", "老年人体育", "企业家", "会计", "中医药", "家政服务", "民营企业", "文物保护",
    "养老服务", "青年创业", "科普"};
constexpr std::array<SV, 16> kEstateWords = {"佳苑", "花园", "新村", "家园", "小区", "公寓",
                                             "雅居", "名苑", "华庭", "尚城", "丽景", "府",
                                             "世纪城", "锦绣城", "幸福里", "御景"};

}  // namespace

std::span<const District> districts() { return kDistricts; }

const District* find_district(std::string_view code_or_name) {
  for (const auto& d : kDistricts) {
    if (d.code == code_or_name || d.name == code_or_name) return &d;
  }
  return nullptr;
}

std::span<const Weighted> surnames() { return kSurnames; }
std::span<const std::string_view> given_male() { return kGivenMale; }
std::span<const std::string_view> given_female() { return kGivenFemale; }
std::span<const std::string_view> given_any() { return kGivenAny; }
std::span<const std::string_view> brand_first() { return kBrandFirst; }
std::span<const std::string_view> brand_second() { return kBrandSecond; }
std::span<const Trade> industries() { return kIndustries; }
std::span<const Weighted> company_suffixes() { return kCompanySuffixes; }
std::span<const Trade> shop_kinds() { return kShopKinds; }
std::span<const std::string_view> coop_kinds() { return kCoopKinds; }
std::span<const std::string_view> village_words() { return kVillageWords; }
std::span<const std::string_view> society_topics() { return kSocietyTopics; }
std::span<const std::string_view> estate_words() { return kEstateWords; }

}  // namespace kf::demo
