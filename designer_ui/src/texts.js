// UI texts in both languages; the designer issue replaces this with react-i18next.
export const TEXTS = {
  zh: {
    tagline: "说出或写下你想要的销售小应用，在设计器里调整，审核后发布。",
    status: "服务状态",
    checking: "检查中…",
    healthy: "运行正常",
    unreachable: "无法连接服务",
    database: "数据库",
    format: "应用定义格式版本",
    soon: "设计器和应用页面即将上线。",
    switchTo: "English",
  },
  en: {
    tagline: "Say or type the sales micro-app you need, shape it in the designer, review and publish.",
    status: "Service status",
    checking: "Checking…",
    healthy: "Running",
    unreachable: "Cannot reach the service",
    database: "Database",
    format: "App definition format",
    soon: "The designer and live-app pages are on their way.",
    switchTo: "中文",
  },
};
