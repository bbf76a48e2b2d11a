/**
 * Reference data for the default installation: Seoul and its 25 autonomous districts with their administrative
 * codes and approximate 2019 resident populations (DOMAIN.md). Demo data scales these for other years.
 * Another city is configured by loading its own units; nothing else in the code assumes Seoul.
 */
export interface ReferenceUnit {
  code: string;
  name: string;
  nameEn: string;
  population2019: number;
}

export const seoulCity = { code: '11000', name: '서울특별시', nameEn: 'Seoul Metropolitan Government' } as const;

export const seoulDistricts: readonly ReferenceUnit[] = [
  { code: '11110', name: '종로구', nameEn: 'Jongno-gu', population2019: 151_000 },
  { code: '11140', name: '중구', nameEn: 'Jung-gu', population2019: 126_000 },
  { code: '11170', name: '용산구', nameEn: 'Yongsan-gu', population2019: 229_000 },
  { code: '11200', name: '성동구', nameEn: 'Seongdong-gu', population2019: 300_000 },
  { code: '11215', name: '광진구', nameEn: 'Gwangjin-gu', population2019: 352_000 },
  { code: '11230', name: '동대문구', nameEn: 'Dongdaemun-gu', population2019: 346_000 },
  { code: '11260', name: '중랑구', nameEn: 'Jungnang-gu', population2019: 394_000 },
  { code: '11290', name: '성북구', nameEn: 'Seongbuk-gu', population2019: 442_000 },
  { code: '11305', name: '강북구', nameEn: 'Gangbuk-gu', population2019: 313_000 },
  { code: '11320', name: '도봉구', nameEn: 'Dobong-gu', population2019: 330_000 },
  { code: '11350', name: '노원구', nameEn: 'Nowon-gu', population2019: 530_000 },
  { code: '11380', name: '은평구', nameEn: 'Eunpyeong-gu', population2019: 481_000 },
  { code: '11410', name: '서대문구', nameEn: 'Seodaemun-gu', population2019: 312_000 },
  { code: '11440', name: '마포구', nameEn: 'Mapo-gu', population2019: 376_000 },
  { code: '11470', name: '양천구', nameEn: 'Yangcheon-gu', population2019: 455_000 },
  { code: '11500', name: '강서구', nameEn: 'Gangseo-gu', population2019: 591_000 },
  { code: '11530', name: '구로구', nameEn: 'Guro-gu', population2019: 405_000 },
  { code: '11545', name: '금천구', nameEn: 'Geumcheon-gu', population2019: 233_000 },
  { code: '11560', name: '영등포구', nameEn: 'Yeongdeungpo-gu', population2019: 368_000 },
  { code: '11590', name: '동작구', nameEn: 'Dongjak-gu', population2019: 397_000 },
  { code: '11620', name: '관악구', nameEn: 'Gwanak-gu', population2019: 500_000 },
  { code: '11650', name: '서초구', nameEn: 'Seocho-gu', population2019: 430_000 },
  { code: '11680', name: '강남구', nameEn: 'Gangnam-gu', population2019: 544_000 },
  { code: '11710', name: '송파구', nameEn: 'Songpa-gu', population2019: 673_000 },
  { code: '11740', name: '강동구', nameEn: 'Gangdong-gu', population2019: 442_000 },
];
