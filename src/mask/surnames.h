// Chinese surnames (internal): the common single surnames (covering well over 95% of the
// population) and the double surnames still in use. Used by the name detector and by
// pseudonymize(kind=name).
#pragma once

#include <string_view>

namespace kf::mask::detail {

// Each surname is one UTF-8 character; concatenated to keep the table compact.
inline constexpr std::string_view kSingleSurnames =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古"
    "吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫"
    "寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻"
    "位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦"
    "戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但"
    "尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";

inline constexpr std::string_view kDoubleSurnames[] = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "申屠", "太史",
    "万俟", "闻人", "赫连", "钟离", "宗政", "濮阳", "公冶", "仲孙", "单于", "司空", "亓官", "拓跋"};

// Characters common in given names, for pseudonyms.
inline constexpr std::string_view kGivenChars =
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力立志国荣春梅琳晨宇浩然子涵"
    "欣怡思雨佳颖博文晓东海燕云峰新鹏俊凯嘉睿泽瑞鑫宁雪婷倩丹慧晶亮斌斌";

}  // namespace kf::mask::detail
