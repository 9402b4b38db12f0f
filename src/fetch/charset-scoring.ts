// How much a decoded text reads like a language: shares of its common characters, used to pick a legacy charset.

/**
 * The most frequent characters of modern written Chinese (after Jun Da's Modern Chinese Character Frequency List),
 * in simplified form and, below, the traditional forms of those that differ (converted with OpenCC cn->tw).
 * Text decoded with the right legacy charset is made mostly of these; the wrong one (Big5 read as GB18030 or
 * the reverse) still decodes without error but gives rare characters.
 */
const COMMON_SIMPLIFIED =
  "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵";
const COMMON_TRADITIONAL =
  "這個們來為國說時會對於過發後裡種經麼學現當沒動還進樣開從實軍無與長機關點業將兩間問並應戰頭體見產話內給門兒東聲員論處義幾認條氣題爾別變總電數報結務場計資許統區隊決馬書則聽卻達強難權設記類據邊張該規萬覺術領確傳師觀讓識帶導爭運飛風聯組濟車親極辦議證轉準遠臺單羅愛擊備連調質團價黨華級離況亞請際約線斷滿視須寫稱嗎輕農裝廣顯標談圖歷醫專費號盡較語僅隨選紅響雖勢參眾構節維劃敵陳態護興驗責營夠嚴續講終緊黃絕項圍織鬥雙紀採舉殺蘇訴細願錢網熱屬臉職樂剛狀獨彈創錯蘭試腦預誰陽繼驚傷藥適衛險陸習勞財環納歡獲負雲龍樹層衝範異漢簡擔靜積餘檢靈協佔徵揮勝階審堅媽劉讀壓銀買養懷執亂幫歲優鐵稅藝陣腳惡塊頓島戶評寶釋顧貨歐換聞壞討麗監臨艦魚雜誤灣減編測敗夢溫劍漸貴槍樓縣畫遺謝魯慮銷鍾詩趕劇損舊錄葉鄉禮婦歸飯額順輸搖脫補謂療澤滅筆鮮詞聖擇尋廠煙諾倫奧賣載宮陰園謀榮孫頂鎮練爺館礎寧紙諸訓莊絲戲隱訪軟薩夥盤擴蓋穩億擁楊齊賽虛購揚綠貿畢輪庫跡競棄偉緩潛閃燈針絡純頁傑築鄭貝吳圓殘誠寬擺毀趙";
/** Full-width punctuation of Chinese and Japanese text (GB/T 15834; the 「」 quotes of Taiwan, Hong Kong, Japan). */
const CJK_PUNCTUATION = "，。、；：？！「」『』（）《》〈〉“”‘’—…·　・";
/**
 * The most frequent Hangul syllables of Korean text (particles, endings, common nouns). Chinese bytes read as
 * EUC-KR land on Hangul chosen at random among 2,350, so rarely on these.
 */
const COMMON_HANGUL =
  "이다는의에하고을가한지로서기사도를자리대수어정인있시나부아들구게해과으요주전국일상보장적것만제그무성우방원라관회소경동면신문위세화연년분중내미여비안학진공때개러거까모실통발마되생물오조금현저던계점말데같람선산며등재터유또각교야당함겠단식간명설체결업행반임된할했습니않처럼께테은와든입였었없래및련최근올난늘령찰법건희른새운많작크높낮좋쁘빠르느";

export type Language = "zh" | "ja" | "ko";

/** A lookup table over the BMP, 1 where a code unit is common in the language: a byte read per character. */
function tableOf(texts: string[], ranges: Array<[number, number]> = []): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const text of texts) for (let index = 0; index < text.length; index += 1) table[text.charCodeAt(index)] = 1;
  for (const [first, last] of ranges) table.fill(1, first, last + 1);
  return table;
}

/**
 * Japanese is kana plus kanji, which share their common forms with Chinese. Kana is hiragana and full-width
 * katakana (U+3040-U+30FF); half-width katakana is left out, as GBK read as Shift_JIS gives it.
 */
const COMMON: Readonly<Record<Language, Uint8Array>> = {
  zh: tableOf([COMMON_SIMPLIFIED, COMMON_TRADITIONAL, CJK_PUNCTUATION]),
  ja: tableOf([COMMON_SIMPLIFIED, COMMON_TRADITIONAL, CJK_PUNCTUATION], [[0x3040, 0x30ff]]),
  ko: tableOf([COMMON_HANGUL, CJK_PUNCTUATION]),
};

/**
 * Share of the non-ASCII UTF-16 code units of `text` that are common in `language`. 0 for text without any.
 * Code units rather than characters: every common character is in the BMP, and indexing is several times faster
 * than iterating a long string by code point.
 */
export function languageShare(text: string, language: Language): number {
  const table = COMMON[language];
  let nonAscii = 0;
  let common = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    nonAscii += 1;
    common += table[code] ?? 0;
  }
  return nonAscii === 0 ? 0 : common / nonAscii;
}

/** Share of the non-ASCII code units that are U+FFFD, the mark a decoder leaves for bytes it could not read. */
export function brokenShare(text: string): number {
  let nonAscii = 0;
  let broken = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    nonAscii += 1;
    if (code === 0xfffd) broken += 1;
  }
  return nonAscii === 0 ? 0 : broken / nonAscii;
}

/**
 * True when the non-ASCII letters form whole words, as in Russian or Thai, rather than sitting inside Latin words
 * as accents do ("café"): the test that keeps Western text from being taken for Cyrillic.
 */
export function hasWholeNonAsciiWords(text: string): boolean {
  let whole = 0;
  let mixed = 0;
  for (const word of text.split(/[^\p{L}\p{M}]+/u)) {
    if (!/[^\x00-\x7f]/.test(word)) continue;
    if (/[A-Za-z]/.test(word)) mixed += 1;
    else whole += 1;
  }
  return whole > 0 && whole >= 4 * mixed;
}

/** Share of Cyrillic letters that are lower case: real Russian text is mostly lower case, KOI8-R read as Windows-1251 mostly upper. */
export function cyrillicLowerShare(text: string): number {
  let letters = 0;
  let lower = 0;
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x400 || code > 0x4ff) continue;
    letters += 1;
    if ((code >= 0x430 && code <= 0x45f)) lower += 1;
  }
  return letters === 0 ? 0 : lower / letters;
}

/** Share of the non-ASCII characters that are Thai (U+0E01-U+0E5B). */
export function thaiShare(text: string): number {
  let nonAscii = 0;
  let thai = 0;
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) continue;
    nonAscii += 1;
    if (code >= 0xe01 && code <= 0xe5b) thai += 1;
  }
  return nonAscii === 0 ? 0 : thai / nonAscii;
}
