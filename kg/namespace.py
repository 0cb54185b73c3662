"""The ontology's terms as an rdflib namespace.

Generated from ontology/*.ttl by ``python -m kg.codegen``; do not edit by hand.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from kg.iris import KG


class KG(DefinedNamespace):
    """Terms of https://w3id.org/yrd-de/ontology# (zh / en labels)."""

    _fail = True
    _NS = Namespace(KG)

    BlockSynergy: URIRef  # 板块协同 / Block synergy
    Carrier: URIRef  # 产业载体 / Carrier
    CarrierAirport: URIRef  # 起降场站 / airport or vertiport
    CarrierCorridor: URIRef  # 走廊 / corridor
    CarrierDataExchange: URIRef  # 数据交易中心 / data exchange
    CarrierDemonstrationZone: URIRef  # 示范区/试验区 / demonstration or pilot zone
    CarrierDevelopmentZone: URIRef  # 开发区 / development zone
    CarrierDigitalInfrastructure: URIRef  # 数字基础设施 / digital infrastructure
    CarrierEventPlatform: URIRef  # 会展论坛 / event platform
    CarrierExhibitionVenue: URIRef  # 会展场馆 / exhibition venue
    CarrierGovernancePlatform: URIRef  # 政务平台 / governance platform
    CarrierIndustrialBase: URIRef  # 产业基地 / industrial base
    CarrierIndustrialInternetPlatform: URIRef  # 工业互联网平台 / industrial-internet platform
    CarrierIndustrialPark: URIRef  # 产业园区 / industrial park
    CarrierInnovationPlatform: URIRef  # 创新平台 / innovation platform
    CarrierKindScheme: URIRef  # 载体类别 / Carrier kinds
    CarrierSoftwarePark: URIRef  # 软件园 / software park
    ComparatorAbout: URIRef  # 左右（约） / about
    ComparatorEq: URIRef  # = / equal to
    ComparatorGe: URIRef  # ≥（以上） / at least
    ComparatorGt: URIRef  # >（超过） / more than
    ComparatorLe: URIRef  # ≤（以内、不超过） / at most
    ComparatorLt: URIRef  # < / less than
    ComparatorNearly: URIRef  # 近（接近） / nearly
    ComparatorScheme: URIRef  # 比较符 / Comparators
    DevelopmentPattern: URIRef  # 发展模式 / Development pattern
    ElementConnotation: URIRef  # 内涵 / connotation
    ElementFunction: URIRef  # 功能 / function
    ElementGoal: URIRef  # 目标 / goal
    ElementIndicator: URIRef  # 指标 / indicator
    ElementMeasure: URIRef  # 保障措施 / measure
    ElementMilestone: URIRef  # 里程碑 / milestone
    ElementOpportunity: URIRef  # 机遇 / opportunity
    ElementPositioning: URIRef  # 定位 / positioning
    ElementPrinciple: URIRef  # 原则 / principle
    ElementProblem: URIRef  # 问题与风险 / problem or risk
    ElementRanking: URIRef  # 指数排名 / index or ranking
    ElementRecommendation: URIRef  # 建议 / recommendation
    ElementSpatialTier: URIRef  # 空间层级 / spatial tier
    ElementStage: URIRef  # 阶段 / stage
    ElementStrength: URIRef  # 优势 / strength
    ElementTask: URIRef  # 任务 / task
    ElementTrend: URIRef  # 趋势 / trend
    Figure: URIRef  # 指标数值 / Figure
    FigureForecast: URIRef  # 预测值 / forecast
    FigureKindScheme: URIRef  # 数值类别 / Figure kinds
    FigureLimit: URIRef  # 政策上限 / policy limit
    FigureObserved: URIRef  # 实际值 / observed
    FigureTarget: URIRef  # 目标值 / target
    GradientDevelopment: URIRef  # 梯度发展 / Gradient development (national)
    GradientTransfer: URIRef  # 梯度转移 / Gradient transfer
    Group: URIRef  # 组合 / Group
    GroupBlock: URIRef  # 板块 / block
    GroupCities: URIRef  # 城市组合 / group of cities
    GroupCluster: URIRef  # 集群 / cluster
    GroupFacilities: URIRef  # 设施组合 / group of facilities
    GroupKindScheme: URIRef  # 组合类别 / Group kinds
    GroupLevel: URIRef  # 层级 / level
    GroupParks: URIRef  # 园区组合 / group of parks
    GroupPlatforms: URIRef  # 平台组合 / group of platforms
    GroupRegions: URIRef  # 区域组合 / group of regions
    GroupTier: URIRef  # 梯队 / tier
    IndustrialEnclave: URIRef  # 产业飞地 / Industrial enclave
    Industry: URIRef  # 产业 / Industry
    IndustryScheme: URIRef  # 产业分类体系 / Industries
    KindActionPlan: URIRef  # 行动计划 / action plan
    KindAgreement: URIRef  # 协议 / agreement
    KindCatalogue: URIRef  # 目录 / catalogue
    KindGuideline: URIRef  # 指南/指引 / guideline
    KindInitiative: URIRef  # 倡议 / initiative
    KindOpinion: URIRef  # 意见 / guiding opinion
    KindOutline: URIRef  # 纲要 / outline
    KindPlan: URIRef  # 规划 / plan
    KindProgramme: URIRef  # 专项行动 / programme
    KindRegulation: URIRef  # 法规办法 / regulation
    KindReport: URIRef  # 报告 / report
    KindScheme: URIRef  # 实施方案 / implementation scheme
    KindStandard: URIRef  # 标准/规范 / standard
    KindWorkPoints: URIRef  # 工作要点 / work points
    LevelCountry: URIRef  # 国家 / country
    LevelCounty: URIRef  # 县 / county
    LevelCountyCity: URIRef  # 县级市 / county-level city
    LevelDistrict: URIRef  # 市辖区 / district
    LevelFunctionalArea: URIRef  # 功能区域 / functional area
    LevelNewArea: URIRef  # 国家级新区 / state-level new area
    LevelPrefecture: URIRef  # 地级 / prefecture-level
    LevelProvince: URIRef  # 省级 / province-level
    LevelTown: URIRef  # 乡镇 / town
    MultipolarNetwork: URIRef  # 多极网络 / Multi-polar network
    MultipolarNetworkNational: URIRef  # 多极网络（全国） / Multi-polar network (national)
    Nbs01: URIRef  # 数字产品制造业 / Digital product manufacturing
    Nbs02: URIRef  # 数字产品服务业 / Digital product services
    Nbs03: URIRef  # 数字技术应用业 / Digital technology application
    Nbs04: URIRef  # 数字要素驱动业 / Digital-factor-driven industries
    Nbs05: URIRef  # 数字化效率提升业 / Digital efficiency improvement
    NbsScheme: URIRef  # 数字经济及其核心产业统计分类（2021） / Statistical classification of the digital economy and its core industries (2021)
    OrgAlliance: URIRef  # 联盟 / alliance
    OrgEnterprise: URIRef  # 企业 / enterprise
    OrgGovernment: URIRef  # 政府机构 / government body
    OrgInstitute: URIRef  # 研究机构 / research institute
    OrgInternational: URIRef  # 国际组织 / international organisation
    OrgKindScheme: URIRef  # 机构类别 / Organisation kinds
    OrgMedia: URIRef  # 新闻媒体 / news media
    Organisation: URIRef  # 组织机构 / Organisation
    Participation: URIRef  # 案例参与 / Participation
    PatternCase: URIRef  # 模式案例 / Pattern case
    PatternScheme: URIRef  # 发展模式体系 / Development patterns
    Plan: URIRef  # 规划政策 / Plan or policy
    PlanDistrict: URIRef  # 区县级 / district
    PlanElement: URIRef  # 规划要素 / Plan element
    PlanElementKindScheme: URIRef  # 规划要素类别 / Plan element kinds
    PlanInternational: URIRef  # 国际 / international
    PlanKindScheme: URIRef  # 规划类别 / Plan kinds
    PlanLevelScheme: URIRef  # 规划层级 / Plan levels
    PlanMunicipal: URIRef  # 市级 / municipal
    PlanNational: URIRef  # 国家级 / national
    PlanProvincial: URIRef  # 省级 / provincial
    PlanRegional: URIRef  # 区域级 / regional
    PointAxisDevelopment: URIRef  # 点轴发展 / Point-axis development (national)
    PointAxisLinkage: URIRef  # 点轴联动 / Point-axis linkage
    Region: URIRef  # 区域 / Region
    RegionLevelScheme: URIRef  # 区域层级 / Region levels
    RegionalGrowthPole: URIRef  # 区域极核 / Regional growth pole
    RegionalPoleNational: URIRef  # 区域极核（全国） / Regional growth pole (national)
    Role: URIRef  # 角色 / Role
    RoleAxisCarrier: URIRef  # 轴线核心载体 / axis carrier
    RoleAxisCity: URIRef  # 轴线所在城市 / axis city
    RoleBlock: URIRef  # 板块 / block
    RoleBlockCity: URIRef  # 板块所在城市 / block city
    RoleHomeRegion: URIRef  # 飞出地 / home region
    RoleHostRegion: URIRef  # 飞入地 / host region
    RoleLevelFive: URIRef  # 五 / third level (the five)
    RoleLevelFour: URIRef  # 四 / second level (the four)
    RoleLevelTwo: URIRef  # 二 / first level (the two)
    RoleNetworkRegion: URIRef  # 网络所在区域 / network region
    RoleNode: URIRef  # 联动节点 / node
    RoleOperator: URIRef  # 运营主体 / operator
    RoleOrigin: URIRef  # 转出地 / origin
    RolePole: URIRef  # 极核 / pole
    RolePoleRegion: URIRef  # 极核所在地 / pole region
    RoleReceivingPlatform: URIRef  # 承接平台 / receiving platform
    RoleReceivingRegion: URIRef  # 承接地区 / receiving region
    RoleScheme: URIRef  # 角色体系 / Participation roles
    RoleStrongPole: URIRef  # 多强 / strong pole
    RoleSuperPole: URIRef  # 一超 / super pole
    RoleTier1: URIRef  # 第一梯队 / tier 1
    RoleTier2: URIRef  # 第二梯队 / tier 2
    RoleTier3: URIRef  # 第三梯队 / tier 3
    Source: URIRef  # 来源文献 / Source document
    UnitCny100m: URIRef  # 亿元 / 100 million yuan
    UnitCny10k: URIRef  # 万元 / 10 thousand yuan
    UnitCnyTrillion: URIRef  # 万亿元 / trillion yuan
    UnitCount: URIRef  # 个/家/项 / count
    UnitEflops: URIRef  # EFLOPS / exaflops
    UnitIndex: URIRef  # 指数 / index points
    UnitKm: URIRef  # 公里 / kilometres
    UnitMbps: URIRef  # Mbps / megabits per second
    UnitMillisecond: URIRef  # 毫秒 / milliseconds
    UnitMinute: URIRef  # 分钟 / minutes
    UnitPercent: URIRef  # % / percent
    UnitPercentagePoint: URIRef  # 个百分点 / percentage point
    UnitPetawatt: URIRef  # 拍瓦 / petawatt
    UnitPflops: URIRef  # PFLOPS / petaflops
    UnitRank: URIRef  # 位次 / rank
    UnitScheme: URIRef  # 计量单位 / Units
    UnitSquareKm: URIRef  # 平方公里 / square kilometres
    UnitTerabyte: URIRef  # TB / terabytes
    UnitTimes: URIRef  # 倍 / times
    UnitUsd100m: URIRef  # 亿美元 / 100 million US dollars
    UnitYears: URIRef  # 年/岁 / years
    Vocabulary: URIRef  # 受控词 / Controlled term
    VocabularyScheme: URIRef  # 受控词表 / Controlled vocabularies
    adminCode: URIRef  # 行政区划代码 / administrative code
    appliesTo: URIRef  # 适用区域 / applies to
    axisLink: URIRef  # 轴线联动 / axis link
    coBuilds: URIRef  # 共建 / co-builds
    comparator: URIRef  # 比较符 / comparator
    concerns: URIRef  # 涉及产业 / concerns
    cooperatesWith: URIRef  # 合作 / cooperates with
    cooperationRelation: URIRef  # 合作流动关系 / cooperation relation
    dataInfrastructureLink: URIRef  # 数据基础设施对接 / data-infrastructure link
    documentNumber: URIRef  # 文号 / document number
    elementOf: URIRef  # 所属文件 / element of
    empowers: URIRef  # 赋能 / empowers
    exemplifies: URIRef  # 体现模式 / exemplifies
    figureOf: URIRef  # 指标主体 / figure of
    fileName: URIRef  # 文件名 / file name
    focusesOn: URIRef  # 重点发展 / focuses on
    function: URIRef  # 功能定位 / function
    hasClusterIndustry: URIRef  # 产业集群 / has cluster industry
    inCase: URIRef  # 参与案例 / in case
    indicator: URIRef  # 指标 / indicator
    issuedBy: URIRef  # 发布机构 / issued by
    issuedYear: URIRef  # 发布年份 / year issued
    kind: URIRef  # 类别 / kind
    level: URIRef  # 层级 / level
    locatedIn: URIRef  # 位于 / located in
    locator: URIRef  # 出处位置 / locator
    memberOf: URIRef  # 成员 / member of
    mentions: URIRef  # 提及 / mentions
    nationalCounterpart: URIRef  # 对应全国模式 / national counterpart
    nbsCategory: URIRef  # 统计分类大类 / NBS category
    operatesEnclaveIn: URIRef  # 飞地运营于 / operates enclave in
    order: URIRef  # 次序 / order
    partOf: URIRef  # 隶属于 / part of
    partOfElement: URIRef  # 上级要素 / part of element
    partOfPlan: URIRef  # 所属规划 / part of plan
    participant: URIRef  # 参与者 / participant
    periodEnd: URIRef  # 规划期止 / period end
    periodStart: URIRef  # 规划期起 / period start
    refYear: URIRef  # 年份 / reference year
    reportedBy: URIRef  # 数据来源 / reported by
    role: URIRef  # 角色 / role
    rolePattern: URIRef  # 角色所属模式 / role of pattern
    setBy: URIRef  # 设定规划 / set by
    transfersIndustryTo: URIRef  # 产业转移至 / transfers industry to
    unit: URIRef  # 单位 / unit
    value: URIRef  # 数值 / value
    viaCase: URIRef  # 所属案例 / via case
