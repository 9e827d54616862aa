/**
 * Vocabularies the synthetic archive is assembled from: regions with their codes, the
 * technical words of each field, indicators with units, names of people and enterprises.
 * Words only; how they are combined is text.ts's and people.ts's business.
 */

export interface Region {
  /** Round id prefix (2–4 capitals). */
  code: string;
  province: string;
  city: string;
  /** The city without 市, for enterprise names. */
  short: string;
  districts: readonly string[];
  areaCode: string;
  /** 6-digit administrative division code for credit codes. */
  division: string;
  authority: string;
  mailDomain: string;
}

export const REGIONS: readonly Region[] = [
  { code: 'XM', province: '福建省', city: '厦门市', short: '厦门', districts: ['思明区', '湖里区', '集美区', '海沧区', '同安区', '翔安区'], areaCode: '0592', division: '350200', authority: '厦门市工业和信息化局', mailDomain: 'xm.gov.cn' },
  { code: 'SZ', province: '广东省', city: '深圳市', short: '深圳', districts: ['福田区', '南山区', '宝安区', '龙岗区', '龙华区', '坪山区'], areaCode: '0755', division: '440300', authority: '深圳市工业和信息化局', mailDomain: 'sz.gov.cn' },
  { code: 'HZ', province: '浙江省', city: '杭州市', short: '杭州', districts: ['上城区', '拱墅区', '西湖区', '滨江区', '萧山区', '余杭区'], areaCode: '0571', division: '330100', authority: '杭州市经济和信息化局', mailDomain: 'hangzhou.gov.cn' },
  { code: 'SU', province: '江苏省', city: '苏州市', short: '苏州', districts: ['姑苏区', '虎丘区', '吴中区', '相城区', '吴江区', '昆山市'], areaCode: '0512', division: '320500', authority: '苏州市工业和信息化局', mailDomain: 'suzhou.gov.cn' },
  { code: 'WH', province: '湖北省', city: '武汉市', short: '武汉', districts: ['江岸区', '江汉区', '武昌区', '洪山区', '东西湖区', '汉阳区'], areaCode: '027', division: '420100', authority: '武汉市经济和信息化局', mailDomain: 'wuhan.gov.cn' },
  { code: 'CD', province: '四川省', city: '成都市', short: '成都', districts: ['锦江区', '青羊区', '金牛区', '武侯区', '成华区', '双流区'], areaCode: '028', division: '510100', authority: '成都市经济和信息化局', mailDomain: 'chengdu.gov.cn' },
  { code: 'QD', province: '山东省', city: '青岛市', short: '青岛', districts: ['市南区', '市北区', '黄岛区', '崂山区', '李沧区', '城阳区'], areaCode: '0532', division: '370200', authority: '青岛市工业和信息化局', mailDomain: 'qingdao.gov.cn' },
  { code: 'GZ', province: '广东省', city: '广州市', short: '广州', districts: ['天河区', '越秀区', '海珠区', '黄埔区', '番禺区', '南沙区'], areaCode: '020', division: '440100', authority: '广州市工业和信息化局', mailDomain: 'gz.gov.cn' },
  { code: 'NB', province: '浙江省', city: '宁波市', short: '宁波', districts: ['海曙区', '江北区', '北仑区', '镇海区', '鄞州区', '奉化区'], areaCode: '0574', division: '330200', authority: '宁波市经济和信息化局', mailDomain: 'ningbo.gov.cn' },
  { code: 'NJ', province: '江苏省', city: '南京市', short: '南京', districts: ['玄武区', '秦淮区', '建邺区', '鼓楼区', '栖霞区', '江宁区'], areaCode: '025', division: '320100', authority: '南京市工业和信息化局', mailDomain: 'nanjing.gov.cn' },
  { code: 'HF', province: '安徽省', city: '合肥市', short: '合肥', districts: ['蜀山区', '包河区', '庐阳区', '瑶海区', '肥西县', '长丰县'], areaCode: '0551', division: '340100', authority: '合肥市经济和信息化局', mailDomain: 'hefei.gov.cn' },
  { code: 'CS', province: '湖南省', city: '长沙市', short: '长沙', districts: ['岳麓区', '芙蓉区', '天心区', '开福区', '雨花区', '望城区'], areaCode: '0731', division: '430100', authority: '长沙市工业和信息化局', mailDomain: 'changsha.gov.cn' },
  { code: 'XA', province: '陕西省', city: '西安市', short: '西安', districts: ['雁塔区', '碑林区', '新城区', '莲湖区', '未央区', '长安区'], areaCode: '029', division: '610100', authority: '西安市工业和信息化局', mailDomain: 'xa.gov.cn' },
  { code: 'SH', province: '上海市', city: '上海市', short: '上海', districts: ['浦东新区', '黄浦区', '徐汇区', '长宁区', '静安区', '闵行区'], areaCode: '021', division: '310115', authority: '上海市经济和信息化委员会', mailDomain: 'sheitc.sh.gov.cn' },
  { code: 'BJ', province: '北京市', city: '北京市', short: '北京', districts: ['海淀区', '朝阳区', '东城区', '西城区', '丰台区', '大兴区'], areaCode: '010', division: '110108', authority: '北京市经济和信息化局', mailDomain: 'jxj.beijing.gov.cn' },
  { code: 'TJ', province: '天津市', city: '天津市', short: '天津', districts: ['滨海新区', '和平区', '河西区', '南开区', '西青区', '东丽区'], areaCode: '022', division: '120116', authority: '天津市工业和信息化局', mailDomain: 'gyxxh.tj.gov.cn' },
  { code: 'JN', province: '山东省', city: '济南市', short: '济南', districts: ['历下区', '市中区', '槐荫区', '天桥区', '历城区', '长清区'], areaCode: '0531', division: '370100', authority: '济南市工业和信息化局', mailDomain: 'jinan.gov.cn' },
  { code: 'FZ', province: '福建省', city: '福州市', short: '福州', districts: ['鼓楼区', '台江区', '仓山区', '马尾区', '晋安区', '长乐区'], areaCode: '0591', division: '350100', authority: '福州市工业和信息化局', mailDomain: 'fuzhou.gov.cn' },
];

/** The MIIT notice each year's programme implements (numbers are illustrative). */
export const NOTICE_NUMBERS: Readonly<Record<number, string>> = {
  2018: '工信厅企业函〔2018〕203号', 2019: '工信厅企业函〔2019〕121号', 2020: '工信厅企业函〔2020〕97号',
  2021: '工信厅企业函〔2021〕102号', 2022: '工信厅企业函〔2022〕96号', 2023: '工信厅企业函〔2023〕88号',
  2024: '工信厅企业函〔2024〕73号', 2025: '工信厅企业函〔2025〕66号', 2026: '工信厅企业函〔2026〕58号',
  2027: '工信厅企业函〔2027〕41号',
};

export type FieldCode = 'ngit' | 'equipment' | 'materials' | 'biomed' | 'energy' | 'nev' | 'green' | 'aerospace' | 'marine' | 'ic' | 'software' | 'other';

export interface IndicatorSpec {
  name: string;
  unit?: string;
  /** ≤ / ≥ / a range / a fixed value. */
  kind: 'le' | 'ge' | 'range' | 'eq';
  min: number;
  max: number;
  decimals?: number;
  /** For `eq`: the literal values to choose from instead of numbers. */
  values?: readonly string[];
}

export interface FieldVocab {
  label: string;
  /** What a demand asks for: products, parts, systems. */
  objects: readonly string[];
  /** Technologies and methods. */
  techs: readonly string[];
  /** Where the result is used. */
  scenes: readonly string[];
  indicators: readonly IndicatorSpec[];
  /** GB/T 4754 codes of SMEs working in the field, with their size-standard row. */
  industries: ReadonlyArray<{ code: string; row: 'industry' | 'software_it' | 'other' }>;
  /** Words that end an enterprise name (科技, 新材料 …). */
  nameWords: readonly string[];
}

const ind = (name: string, unit: string | undefined, kind: IndicatorSpec['kind'], min: number, max: number, decimals = 0): IndicatorSpec =>
  unit === undefined ? { name, kind, min, max, decimals } : { name, unit, kind, min, max, decimals };

/** Indicators any field may ask for. */
export const COMMON_INDICATORS: readonly IndicatorSpec[] = [
  ind('使用寿命', '年', 'ge', 5, 20),
  ind('平均无故障工作时间', 'h', 'ge', 2000, 50000),
  ind('国产化率', '%', 'ge', 70, 100),
  ind('综合成本降低', '%', 'ge', 10, 40),
  ind('工作温度', '℃', 'range', -40, 85),
  ind('产品良率', '%', 'ge', 95, 99.9, 1),
  ind('交付周期', '周', 'le', 2, 16),
  { name: '防护等级', kind: 'eq', min: 0, max: 0, values: ['IP65', 'IP67', 'IP68'] },
  { name: '认证要求', kind: 'eq', min: 0, max: 0, values: ['通过CE认证', '通过ISO 9001质量体系认证', '通过第三方检测'] },
];

export const FIELDS: Readonly<Record<FieldCode, FieldVocab>> = {
  ngit: {
    label: '新一代信息技术',
    objects: ['工业互联网平台', '5G专网终端', '边缘计算网关', '工业视觉检测系统', '智能传感器', '光通信模块', '时间敏感网络交换机', '工业相机', '毫米波雷达', '北斗定位模组', '物联网通信模组', '高精度压力传感器', '数据采集终端', '智能电表通信单元'],
    techs: ['深度学习', '边缘推理', '多源数据融合', '时间敏感网络', '数字孪生', '低功耗广域通信', '知识图谱', '联邦学习', '高精度时间同步', '异构算力调度'],
    scenes: ['智能工厂', '港口码头', '电力配网', '城市轨道交通', '仓储物流', '化工园区'],
    indicators: [ind('识别准确率', '%', 'ge', 95, 99.9, 1), ind('检测速度', '件/min', 'ge', 60, 600), ind('端到端时延', 'ms', 'le', 1, 50), ind('并发接入数', '个', 'ge', 1000, 100000), ind('定位精度', 'cm', 'le', 1, 50), ind('传输速率', 'Gbps', 'ge', 1, 400), ind('测量精度', '%FS', 'le', 0.05, 0.5, 2)],
    industries: [{ code: 'C3921', row: 'industry' }, { code: 'C3976', row: 'industry' }, { code: 'I6513', row: 'software_it' }, { code: 'I6531', row: 'software_it' }, { code: 'C4011', row: 'industry' }],
    nameWords: ['智能科技', '信息技术', '物联科技', '通信技术', '电子科技'],
  },
  equipment: {
    label: '高端装备',
    objects: ['五轴联动数控机床', '精密减速器', '工业机器人关节模组', '高速电主轴', '液压伺服阀', '自动导引车', '激光切割头', '精密轴承', '注塑成型装备', '智能焊接工作站', '干式真空泵', '高压柱塞泵', '直线电机模组', '伺服驱动器'],
    techs: ['几何误差补偿', '振动主动抑制', '在线测量', '柔性装配', '力控打磨', '热变形补偿', '故障预测与健康管理', '高刚度结构设计', '精密磨削'],
    scenes: ['汽车零部件产线', '3C电子装配', '航空结构件加工', '模具制造', '锂电池生产线', '工程机械'],
    indicators: [ind('定位精度', 'μm', 'le', 1, 10), ind('重复定位精度', 'mm', 'le', 0.01, 0.05, 2), ind('最高转速', 'r/min', 'ge', 12000, 60000), ind('额定负载', 'kg', 'ge', 5, 500), ind('传动回差', 'arcmin', 'le', 0.5, 3, 1), ind('运行噪声', 'dB(A)', 'le', 55, 75), ind('额定压力', 'MPa', 'ge', 21, 45)],
    industries: [{ code: 'C3421', row: 'industry' }, { code: 'C3491', row: 'industry' }, { code: 'C3442', row: 'industry' }, { code: 'C3484', row: 'industry' }, { code: 'C3444', row: 'industry' }],
    nameWords: ['精密机械', '智能装备', '自动化科技', '机电科技', '装备制造'],
  },
  materials: {
    label: '新材料',
    objects: ['碳纤维复合材料', '镍基高温合金', '特种工程塑料', '电子级多晶硅', '石墨烯导热膜', '高纯氧化铝粉体', '聚酰亚胺薄膜', '稀土永磁材料', '陶瓷基复合材料', '生物可降解材料', '光刻胶', '高性能钛合金', '锂电池隔膜', '超高分子量聚乙烯纤维'],
    techs: ['粉末冶金', '化学气相沉积', '熔融纺丝', '热等静压', '表面改性', '增材制造', '溶胶凝胶法', '定向凝固', '双向拉伸'],
    scenes: ['新能源汽车', '消费电子', '光伏组件', '医疗器械', '轨道交通', '航空航天'],
    indicators: [ind('拉伸强度', 'MPa', 'ge', 300, 3500), ind('导热系数', 'W/(m·K)', 'ge', 5, 1500), ind('纯度', '%', 'ge', 99.9, 99.9999, 4), ind('密度', 'g/cm³', 'le', 1.2, 8, 2), ind('长期耐温', '℃', 'ge', 150, 1100), ind('断裂伸长率', '%', 'ge', 2, 60), ind('厚度公差', 'μm', 'le', 0.5, 5, 1)],
    industries: [{ code: 'C2651', row: 'industry' }, { code: 'C3091', row: 'industry' }, { code: 'C3240', row: 'industry' }, { code: 'C2929', row: 'industry' }, { code: 'C3985', row: 'industry' }],
    nameWords: ['新材料', '材料科技', '高分子材料', '复合材料', '功能材料'],
  },
  biomed: {
    label: '生物医药',
    objects: ['体外诊断试剂', '医用高分子导管', '腔镜手术机器人', '无血清细胞培养基', '重组蛋白药物', '医学影像探测器', '可降解血管支架', '基因测序仪', '疫苗佐剂', '植入式神经刺激器', '血液透析器', '一次性生物反应器'],
    techs: ['高通量筛选', '微流控', '连续流合成', '冻干工艺', '无菌灌装', '分子诊断', '抗体工程', '表面涂层改性'],
    scenes: ['三甲医院', '基层医疗机构', '生物药生产车间', '第三方检测实验室', '疾控中心'],
    indicators: [ind('检测灵敏度', '%', 'ge', 95, 99.5, 1), ind('检测限', 'ng/mL', 'le', 0.01, 5, 2), ind('产品纯度', '%', 'ge', 95, 99.9, 1), ind('收率', '%', 'ge', 60, 95), ind('检测时间', 'min', 'le', 15, 120), ind('细胞活率', '%', 'ge', 85, 98)],
    industries: [{ code: 'C2761', row: 'industry' }, { code: 'C3581', row: 'industry' }, { code: 'C2770', row: 'industry' }, { code: 'M7340', row: 'other' }],
    nameWords: ['生物科技', '医疗器械', '生物医药', '医学科技', '生命科学'],
  },
  energy: {
    label: '新能源',
    objects: ['储能变流器', '钠离子电池', '高效光伏组件', '氢燃料电池电堆', '风电主轴轴承', '固态电解质', '碱性电解水制氢装置', '组串式光伏逆变器', '储能电池管理系统', '钙钛矿电池', '海上风电变桨系统', '空气源热泵机组'],
    techs: ['能量管理', '热失控预警', '最大功率点跟踪', '质子交换膜', '液冷散热', '虚拟电厂调度', '叠层电池', '宽禁带器件应用'],
    scenes: ['工商业储能电站', '分布式光伏', '海上风电场', '加氢站', '微电网', '数据中心'],
    indicators: [ind('能量密度', 'Wh/kg', 'ge', 140, 400), ind('循环寿命', '次', 'ge', 3000, 12000), ind('转换效率', '%', 'ge', 20, 99, 1), ind('系统效率', '%', 'ge', 85, 98, 1), ind('充放电倍率', 'C', 'ge', 0.5, 4, 1), ind('额定功率', 'kW', 'ge', 50, 5000)],
    industries: [{ code: 'C3841', row: 'industry' }, { code: 'C3825', row: 'industry' }, { code: 'D4416', row: 'industry' }, { code: 'C3415', row: 'industry' }],
    nameWords: ['新能源科技', '能源技术', '电气科技', '储能科技', '动力科技'],
  },
  nev: {
    label: '新能源汽车',
    objects: ['驱动电机控制器', '动力电池包', '车载充电机', '整车热管理系统', '线控制动系统', '智能座舱域控制器', '碳化硅功率模块', '车载激光雷达', '车规级芯片', '一体化压铸件', '高压连接器', '三合一电驱动总成'],
    techs: ['多传感器感知融合', '电池均衡', '轻量化设计', '功能安全开发', '远程升级', '800V高压平台', '热泵空调', '扁线电机'],
    scenes: ['乘用车', '城市公交', '重型卡车', '物流车', '换电站'],
    indicators: [ind('功率密度', 'kW/L', 'ge', 20, 60), ind('峰值效率', '%', 'ge', 95, 99, 1), ind('充电时间', 'min', 'le', 10, 45), ind('续航里程', 'km', 'ge', 400, 1000), ind('耐压等级', 'V', 'ge', 800, 1500), ind('总成重量', 'kg', 'le', 30, 120)],
    industries: [{ code: 'C3670', row: 'industry' }, { code: 'C3660', row: 'industry' }, { code: 'C3824', row: 'industry' }, { code: 'C3972', row: 'industry' }],
    nameWords: ['汽车电子', '动力系统', '汽车科技', '智能驾驶', '电驱科技'],
  },
  green: {
    label: '节能环保',
    objects: ['工业废水处理装置', '余热回收系统', '脱硫脱硝催化剂', '固废资源化装备', '挥发性有机物治理设备', '超高效电机', '膜分离组件', '污泥低温干化设备', '碳排放在线监测系统', '节能空压机', '烟气余热锅炉', '工业噪声治理设备'],
    techs: ['催化氧化', '膜生物反应器', '能效诊断', '碳足迹核算', '热泵回收', '智能曝气', '蓄热燃烧', '高级氧化'],
    scenes: ['印染园区', '钢铁企业', '化工企业', '污水处理厂', '垃圾焚烧厂', '数据中心'],
    indicators: [ind('污染物去除率', '%', 'ge', 90, 99.5, 1), ind('能耗降低', '%', 'ge', 10, 40), ind('排放浓度', 'mg/m³', 'le', 5, 50), ind('资源回收率', '%', 'ge', 80, 98), ind('处理能力', 't/d', 'ge', 50, 5000), ind('节电率', '%', 'ge', 8, 30)],
    industries: [{ code: 'C3591', row: 'industry' }, { code: 'N7721', row: 'other' }, { code: 'C3464', row: 'industry' }, { code: 'M7514', row: 'other' }],
    nameWords: ['环保科技', '节能技术', '环境工程', '绿色科技', '生态科技'],
  },
  aerospace: {
    label: '航空航天',
    objects: ['航空发动机涡轮叶片', '机载电子设备', '无人机飞控系统', '复合材料机翼蒙皮', '卫星姿态控制器', '航空紧固件', '起落架作动器', '机载线缆组件', '钛合金结构件', '航空液压管路', '卫星通信载荷', '星载计算机'],
    techs: ['单晶铸造', '热障涂层', '自动铺丝', '适航验证', '抗辐照加固', '精密锻造', '电子束焊接', '余度管理'],
    scenes: ['民用客机', '通用航空', '商业航天', '低空物流', '卫星互联网'],
    indicators: [ind('工作温度', '℃', 'range', -55, 125), ind('结构减重', '%', 'ge', 10, 35), ind('疲劳寿命', '万次', 'ge', 10, 1000), ind('抗拉强度', 'MPa', 'ge', 900, 1600), ind('姿态控制精度', '°', 'le', 0.01, 0.1, 2), ind('抗辐照总剂量', 'krad(Si)', 'ge', 30, 300)],
    industries: [{ code: 'C3741', row: 'industry' }, { code: 'C3743', row: 'industry' }, { code: 'C3744', row: 'industry' }, { code: 'C3399', row: 'industry' }],
    nameWords: ['航空科技', '航天技术', '飞行器科技', '航空部件', '宇航科技'],
  },
  marine: {
    label: '海洋装备',
    objects: ['船舶推进器', '海洋观测浮标', '作业级水下机器人', '船用低速柴油机部件', '海工平台系泊系统', '船舶压载水处理装置', '深海湿插拔连接器', '船用导航雷达', 'LNG储罐绝热系统', '海水淡化装置', '船舶动力定位系统', '海底电缆'],
    techs: ['耐腐蚀防护', '水声通信', '智能航行', '减振降噪', '焊接变形控制', '阴极保护', '水动力优化'],
    scenes: ['远洋船舶', '海上风电运维', '近海养殖', '港口作业', '深海勘探'],
    indicators: [ind('工作水深', 'm', 'ge', 100, 6000), ind('设计航速', 'kn', 'ge', 8, 30), ind('耐腐蚀年限', '年', 'ge', 10, 30), ind('续航时间', 'h', 'ge', 24, 720), ind('辐射噪声', 'dB', 'le', 110, 140), ind('定位精度', 'm', 'le', 0.5, 5, 1)],
    industries: [{ code: 'C3731', row: 'industry' }, { code: 'C3734', row: 'industry' }, { code: 'C3737', row: 'industry' }, { code: 'C3512', row: 'industry' }],
    nameWords: ['海洋科技', '船舶配套', '海工装备', '海洋工程', '船舶技术'],
  },
  ic: {
    label: '集成电路',
    objects: ['碳化硅MOSFET', '射频前端芯片', '车规级MCU芯片', '电源管理芯片', '先进封装基板', '晶圆级封装', '模拟前端芯片', '存储控制器', 'IGBT功率模块', 'CMOS图像传感器芯片', '高速SerDes接口IP', '光刻掩模版'],
    techs: ['晶圆减薄', '铜线键合', '可靠性验证', '低功耗设计', '失效分析', '良率提升', '系统级封装', '版图优化'],
    scenes: ['新能源汽车电控', '工业控制', '消费电子', '通信基站', '光伏逆变器'],
    indicators: [ind('工作频率', 'GHz', 'ge', 1, 40), ind('导通电阻', 'mΩ', 'le', 5, 80), ind('击穿电压', 'V', 'ge', 650, 3300), ind('静态功耗', 'μA', 'le', 1, 50), ind('封装良率', '%', 'ge', 98, 99.9, 1), ind('封装厚度', 'mm', 'le', 0.3, 1.2, 1)],
    industries: [{ code: 'C3973', row: 'industry' }, { code: 'C3974', row: 'industry' }, { code: 'I6520', row: 'software_it' }, { code: 'C3562', row: 'industry' }],
    nameWords: ['微电子', '半导体', '芯片科技', '集成电路', '电子技术'],
  },
  software: {
    label: '工业软件',
    objects: ['工业设计仿真软件', '制造执行系统', '产品生命周期管理系统', '三维几何建模内核', '计算流体力学求解器', '工业控制组态软件', '供应链协同平台', '质量管理系统', '设备远程运维平台', '电子设计自动化工具', '高级计划与排程系统', '工业实时数据库'],
    techs: ['国产化适配', '微服务架构', '有限元求解', '低代码开发', '实时调度算法', '数据治理', '几何约束求解', '并行计算'],
    scenes: ['离散制造车间', '流程工业', '整车研发', '电子装联', '装备运维服务'],
    indicators: [ind('并发用户数', '个', 'ge', 200, 10000), ind('页面响应时间', 's', 'le', 0.5, 3, 1), ind('求解规模', '万网格', 'ge', 100, 10000), ind('系统可用性', '%', 'ge', 99.5, 99.99, 2), ind('数据采集频率', 'Hz', 'ge', 10, 10000), ind('适配国产操作系统', '种', 'ge', 2, 6)],
    industries: [{ code: 'I6513', row: 'software_it' }, { code: 'I6511', row: 'software_it' }, { code: 'I6531', row: 'software_it' }, { code: 'I6550', row: 'software_it' }],
    nameWords: ['软件', '信息科技', '数字科技', '软件技术', '数据科技'],
  },
  other: {
    label: '其他',
    objects: ['智能立体仓储系统', '食品无损检测设备', '纺织品智能染整装备', '包装自动化产线', '绿色低碳建材', '智慧农业装备', '冷链物流监测终端', '家具柔性生产线', '化工过程安全监测系统', '陶瓷智能窑炉'],
    techs: ['机器视觉', '柔性制造', '先进过程控制', '产品追溯编码', '近红外光谱', '智能配方'],
    scenes: ['食品加工厂', '纺织印染企业', '家具制造企业', '建材工厂', '农业合作社'],
    indicators: [ind('检测准确率', '%', 'ge', 95, 99.5, 1), ind('生产节拍', 's/件', 'le', 5, 60), ind('单位能耗降低', '%', 'ge', 10, 35), ind('产能提升', '%', 'ge', 15, 60), ind('库存周转率提升', '%', 'ge', 10, 50)],
    industries: [{ code: 'C3531', row: 'industry' }, { code: 'C3572', row: 'industry' }, { code: 'M7320', row: 'other' }, { code: 'C3546', row: 'industry' }],
    nameWords: ['科技', '智能制造', '技术开发', '工业技术', '装备科技'],
  },
};

export const FIELD_CODES = Object.keys(FIELDS) as FieldCode[];

/** Words for what a demand title asks to be done. */
export const TITLE_ACTIONS = ['研制', '研发', '国产化替代', '关键技术攻关', '工艺优化', '性能提升', '开发与应用', '示范应用', '验证与推广', '集成应用', '自主可控开发', '批量化制造技术'];
export const TITLE_QUALIFIERS = ['高精度', '高可靠', '低功耗', '大尺寸', '高效率', '轻量化', '长寿命', '智能化', '耐高温', '低成本', '高一致性', '超薄', '宽温域', '高速'];

/** Brand syllables for enterprise names, with pinyin for mail domains. */
export const BRAND_SYLLABLES: ReadonlyArray<readonly [string, string]> = [
  ['瑞', 'rui'], ['华', 'hua'], ['鑫', 'xin'], ['恒', 'heng'], ['泰', 'tai'], ['锐', 'rui'], ['博', 'bo'], ['联', 'lian'],
  ['创', 'chuang'], ['汇', 'hui'], ['凯', 'kai'], ['盛', 'sheng'], ['嘉', 'jia'], ['宏', 'hong'], ['远', 'yuan'], ['腾', 'teng'],
  ['晟', 'cheng'], ['翔', 'xiang'], ['拓', 'tuo'], ['新', 'xin'], ['海', 'hai'], ['中', 'zhong'], ['天', 'tian'], ['宇', 'yu'],
  ['和', 'he'], ['信', 'xin'], ['达', 'da'], ['丰', 'feng'], ['安', 'an'], ['捷', 'jie'], ['卓', 'zhuo'], ['越', 'yue'],
];
export const LARGE_SUFFIXES = ['集团有限公司', '股份有限公司', '集团股份有限公司', '有限公司'];

/** Surnames and given-name characters, with pinyin for logins and mail. Given-name characters avoid technical words. */
export const SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'],
  ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'],
  ['林', 'lin'], ['罗', 'luo'], ['郑', 'zheng'], ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'], ['许', 'xu'],
  ['韩', 'han'], ['冯', 'feng'], ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'], ['萧', 'xiao'], ['蔡', 'cai'],
  ['蒋', 'jiang'], ['魏', 'wei'], ['苏', 'su'], ['吕', 'lv'], ['沈', 'shen'], ['姚', 'yao'], ['卢', 'lu'], ['钟', 'zhong'],
];
export const GIVEN_CHARS: ReadonlyArray<readonly [string, string]> = [
  ['梓', 'zi'], ['涵', 'han'], ['轩', 'xuan'], ['怡', 'yi'], ['桐', 'tong'], ['琪', 'qi'], ['萱', 'xuan'], ['睿', 'rui'],
  ['泽', 'ze'], ['皓', 'hao'], ['璐', 'lu'], ['婷', 'ting'], ['娜', 'na'], ['磊', 'lei'], ['鹏', 'peng'], ['斌', 'bin'],
  ['俊', 'jun'], ['豪', 'hao'], ['浩', 'hao'], ['欣', 'xin'], ['悦', 'yue'], ['晗', 'han'], ['茜', 'qian'], ['蕾', 'lei'],
  ['雯', 'wen'], ['颖', 'ying'], ['瑶', 'yao'], ['妍', 'yan'], ['瑾', 'jin'], ['瀚', 'han'], ['煜', 'yu'], ['昊', 'hao'],
  ['骏', 'jun'], ['琳', 'lin'], ['珂', 'ke'], ['璇', 'xuan'], ['彤', 'tong'], ['芸', 'yun'], ['菲', 'fei'], ['岚', 'lan'],
];

export const POSITIONS = ['技术总监', '研发部经理', '总工程师', '采购部经理', '科技管理部部长', '项目经理', '副总经理', '总经理助理', '首席技术官', '研究院副院长'];

export const RETURN_REASONS = [
  '技术指标未量化，请补充具体数值和单位后重新提交。',
  '需求背景过于简略，请说明现有技术路线和需要外部攻关的原因。',
  '缺少盖章扫描件，请补充后重新提交。',
  '拟投入资金与完成时限不匹配，请核实后修改。',
  '企业名称与营业执照不一致，请核对后修改。',
  '申请书技术攻关方案缺少进度安排和里程碑，请补充。',
  '未逐项响应需求的技术指标，请补充承诺值。',
];
export const REJECT_REASONS = [
  '该需求属于常规采购，不属于技术创新需求，不予推荐。',
  '需求内容与本年度重点支持方向不符，不予推荐。',
  '发榜企业不符合大企业认定条件。',
  '申请企业近三年存在严重失信记录，不予通过。',
  '申请企业技术能力与需求差距较大，不予推荐。',
];
export const FAIL_REASONS = [
  '样机在第三方检测中未达到约定的关键技术指标。',
  '未在约定期限内完成应用验证，验收不予通过。',
  '交付成果与合作协议约定的成果形式不符。',
];
