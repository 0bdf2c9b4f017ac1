/** Name material for the demo data: one entry per language, each with its own places and people. */
export type Culture = {
  readonly country: string;
  readonly dialCode: string;
  /** `{p}` is replaced by a place. */
  readonly organisations: readonly string[];
  readonly places: readonly string[];
  /** Office name patterns, `{p}` is a place. */
  readonly offices: readonly string[];
  readonly femaleNames: readonly string[];
  readonly maleNames: readonly string[];
  readonly lastNames: readonly string[];
  /** True when names are in Latin script (used for e-mail addresses and acronyms). */
  readonly latin: boolean;
};

export const CULTURES: readonly Culture[] = [
  {
    country: 'KE', dialCode: '+254', latin: true,
    organisations: ['Shirika la Msaada {p}', 'Huduma ya Afya ya Jamii {p}', '{p} Community Relief Network'],
    places: ['Nairobi', 'Mombasa', 'Kisumu', 'Nakuru', 'Eldoret', 'Garissa', 'Turkana', 'Malindi'],
    offices: ['Ofisi ya {p}', '{p} Field Office'],
    femaleNames: ['Wanjiru', 'Akinyi', 'Njeri', 'Amina', 'Zawadi', 'Achieng'],
    maleNames: ['Kamau', 'Otieno', 'Mwangi', 'Baraka', 'Juma', 'Kiprono'],
    lastNames: ['Odhiambo', 'Mutua', 'Wambui', 'Kariuki', 'Chebet', 'Ochieng', 'Njoroge'],
  },
  {
    country: 'CO', dialCode: '+57', latin: true,
    organisations: ['Fundación Esperanza de {p}', 'Cruz Solidaria {p}', 'Asociación de Salud Comunitaria de {p}'],
    places: ['Bogotá', 'Medellín', 'Cali', 'Barranquilla', 'Cúcuta', 'Pasto', 'Quibdó', 'Santa Marta'],
    offices: ['Oficina {p}', 'Sede Regional {p}'],
    femaleNames: ['María José', 'Luisa', 'Valentina', 'Ximena', 'Catalina', 'Daniela'],
    maleNames: ['Andrés', 'Julián', 'Santiago', 'Camilo', 'Sebastián', 'Mateo'],
    lastNames: ['García', 'Rodríguez', 'Martínez', 'Gómez', 'Peña', 'Zuluaga', 'Muñoz'],
  },
  {
    country: 'FR', dialCode: '+33', latin: true,
    organisations: ['Secours Solidaire de {p}', 'Association Médicale de {p}', 'Entraide Citoyenne {p}'],
    places: ['Lyon', 'Marseille', 'Lille', 'Besançon', 'Nîmes', 'Orléans', 'Saint-Étienne', 'Pointe-à-Pitre'],
    offices: ['Bureau de {p}', 'Antenne {p}'],
    femaleNames: ['Élodie', 'Camille', 'Léa', 'Chloé', 'Inès', 'Maëlle'],
    maleNames: ['Théo', 'Lucas', 'Jérôme', 'Benoît', 'Hugo', 'Noël'],
    lastNames: ['Lefèvre', 'Dubois', 'Moreau', 'Girard', 'Rousseau', 'Faure', 'Bérénger'],
  },
  {
    country: 'DE', dialCode: '+49', latin: true,
    organisations: ['Hilfswerk {p} e.V.', 'Katastrophenschutz {p}', 'Gemeinschaftshilfe {p}'],
    places: ['Köln', 'München', 'Düsseldorf', 'Würzburg', 'Lübeck', 'Görlitz', 'Tübingen', 'Straubing'],
    offices: ['Büro {p}', 'Geschäftsstelle {p}'],
    femaleNames: ['Anneliese', 'Sophie', 'Käthe', 'Greta', 'Lena', 'Jana'],
    maleNames: ['Jürgen', 'Matthias', 'Lukas', 'Björn', 'Günther', 'Felix'],
    lastNames: ['Müller', 'Schäfer', 'Weiß', 'Groß', 'Köhler', 'Brandt', 'Hoffmann'],
  },
  {
    country: 'BR', dialCode: '+55', latin: true,
    organisations: ['Associação Comunitária de {p}', 'Instituto Saúde e Vida {p}', 'Rede Solidária {p}'],
    places: ['Recife', 'Manaus', 'Belém', 'São Luís', 'Maceió', 'Florianópolis', 'Teresina', 'Cuiabá'],
    offices: ['Escritório {p}', 'Núcleo {p}'],
    femaleNames: ['Ana Luíza', 'Beatriz', 'Conceição', 'Fernanda', 'Joana', 'Lúcia'],
    maleNames: ['João', 'Gonçalo', 'Thiago', 'Rafael', 'Antônio', 'Caio'],
    lastNames: ['Silva', 'Souza', 'Araújo', 'Gonçalves', 'Conceição', 'Barbosa', 'Simões'],
  },
  {
    country: 'TR', dialCode: '+90', latin: true,
    organisations: ['{p} Afet Dayanışma Derneği', '{p} Sağlık Gönüllüleri', '{p} Yardımlaşma Vakfı'],
    places: ['İzmir', 'Gaziantep', 'Hatay', 'Şanlıurfa', 'Erzurum', 'Muğla', 'Kahramanmaraş', 'Van'],
    offices: ['{p} Ofisi', '{p} Koordinasyon Merkezi'],
    femaleNames: ['Ayşe', 'Elif', 'Gülşen', 'Zeynep', 'Şule', 'Özlem'],
    maleNames: ['Mehmet', 'Çağrı', 'Oğuz', 'Barış', 'Emre', 'İsmail'],
    lastNames: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın'],
  },
  {
    country: 'PH', dialCode: '+63', latin: true,
    organisations: ['Samahang Tulong {p}', '{p} Disaster Response Volunteers', 'Kalinga sa {p} Foundation'],
    places: ['Tacloban', 'Cebu', 'Iloilo', 'Davao', 'Legazpi', 'Cagayan de Oro', 'Baguio', 'Zamboanga'],
    offices: ['Tanggapan sa {p}', '{p} Satellite Office'],
    femaleNames: ['Maricel', 'Lorna', 'Jocelyn', 'Rosalinda', 'Mylene', 'Charisse'],
    maleNames: ['Jose Rizal', 'Rodel', 'Arnel', 'Bienvenido', 'Dante', 'Efren'],
    lastNames: ['Dela Cruz', 'Santos', 'Reyes', 'Bautista', 'Villanueva', 'Mendoza', 'Ocampo'],
  },
  {
    country: 'ID', dialCode: '+62', latin: true,
    organisations: ['Yayasan Peduli {p}', 'Relawan Tanggap Bencana {p}', 'Lembaga Kesehatan Masyarakat {p}'],
    places: ['Banda Aceh', 'Palu', 'Yogyakarta', 'Makassar', 'Padang', 'Mataram', 'Ambon', 'Kupang'],
    offices: ['Kantor {p}', 'Posko {p}'],
    femaleNames: ['Siti', 'Dewi', 'Ratna', 'Wulan', 'Indah', 'Putri'],
    maleNames: ['Budi', 'Agus', 'Hendra', 'Rizky', 'Wayan', 'Yusuf'],
    lastNames: ['Santoso', 'Wijaya', 'Hidayat', 'Saputra', 'Kusuma', 'Nugroho', 'Pratama'],
  },
  {
    country: 'JO', dialCode: '+962', latin: false,
    organisations: ['جمعية الإغاثة في {p}', 'مؤسسة الأمل الصحية {p}', 'الهلال التطوعي {p}'],
    places: ['عمّان', 'إربد', 'الزرقاء', 'العقبة', 'المفرق', 'معان', 'الكرك', 'جرش'],
    offices: ['مكتب {p}', 'فرع {p}'],
    femaleNames: ['فاطمة', 'ليلى', 'نور', 'سلمى', 'رنا', 'هالة'],
    maleNames: ['أحمد', 'محمد', 'خالد', 'يوسف', 'عمر', 'سامي'],
    lastNames: ['الحسن', 'العلي', 'الخطيب', 'النجار', 'الزعبي', 'الشريف', 'حداد'],
  },
  {
    country: 'JP', dialCode: '+81', latin: false,
    organisations: ['{p}災害ボランティアセンター', '{p}地域医療支援ネットワーク', 'NPO法人{p}防災会'],
    places: ['仙台', '石巻', '熊本', '広島', '福島', '輪島', '釜石', '長野'],
    offices: ['{p}事務所', '{p}支部'],
    femaleNames: ['さくら', '美咲', '陽子', '結衣', '花子', '真由美'],
    maleNames: ['大輔', '健太', '翔太', '浩二', '誠', '拓海'],
    lastNames: ['佐藤', '鈴木', '高橋', '田中', '渡辺', '伊藤', '山本'],
  },
  {
    country: 'IN', dialCode: '+91', latin: false,
    organisations: ['{p} स्वास्थ्य सेवा समिति', '{p} आपदा राहत मंच', 'जन सहायता संस्थान {p}'],
    places: ['पुणे', 'पटना', 'भुवनेश्वर', 'गुवाहाटी', 'लखनऊ', 'जयपुर', 'कोच्चि', 'रायपुर'],
    offices: ['{p} कार्यालय', '{p} शाखा'],
    femaleNames: ['प्रिया', 'अनीता', 'सुनीता', 'कविता', 'मीरा', 'पूजा'],
    maleNames: ['राहुल', 'अमित', 'संजय', 'विजय', 'अर्जुन', 'रवि'],
    lastNames: ['शर्मा', 'वर्मा', 'सिंह', 'पटेल', 'गुप्ता', 'यादव', 'मिश्रा'],
  },
  {
    country: 'UA', dialCode: '+380', latin: false,
    organisations: ['Фонд допомоги «{p}»', 'Волонтерський центр {p}', 'Громадська організація «Здоров’я {p}»'],
    places: ['Харків', 'Одеса', 'Львів', 'Дніпро', 'Херсон', 'Суми', 'Чернігів', 'Полтава'],
    offices: ['Офіс {p}', 'Представництво {p}'],
    femaleNames: ['Олена', 'Наталія', 'Ірина', 'Оксана', 'Юлія', 'Мар’яна'],
    maleNames: ['Андрій', 'Олександр', 'Дмитро', 'Сергій', 'Богдан', 'Тарас'],
    lastNames: ['Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Мельник', 'Бойко'],
  },
  {
    country: 'CN', dialCode: '+86', latin: false,
    organisations: ['{p}应急志愿服务队', '{p}社区卫生互助会', '{p}公益救援基金会'],
    places: ['成都', '雅安', '昆明', '兰州', '郑州', '武汉', '西宁', '拉萨'],
    offices: ['{p}办事处', '{p}联络站'],
    femaleNames: ['丽', '静', '敏', '芳', '婷', '雪'],
    maleNames: ['伟', '强', '磊', '军', '洋', '杰'],
    lastNames: ['王', '李', '张', '刘', '陈', '杨', '赵'],
  },
  {
    country: 'GB', dialCode: '+44', latin: true,
    organisations: ['{p} Relief Trust', '{p} Community Health Partnership', 'Friends of {p} Flood Response'],
    places: ['Cardiff', 'Glasgow', 'Leeds', 'Belfast', 'Norwich', 'Aberystwyth', 'Carlisle', 'Whitby'],
    offices: ['{p} Office', '{p} Depot'],
    femaleNames: ['Siobhan', 'Eleanor', 'Niamh', 'Aisha', 'Rhiannon', 'Grace'],
    maleNames: ['Oliver', 'Callum', 'Dafydd', 'Rory', 'Imran', 'George'],
    lastNames: ["O'Neill", 'Davies', 'MacLeod', 'Patel', 'Hughes', 'Fletcher', 'Ó Briain'],
  },
];
