// Korean strings of the public scorecard and open-data additions (PDF link, robustness, prize money, chart notes,
// long-format files); ko.ts spreads them in, en-scorecards.ts mirrors them.
export const koScorecards = {
  scorecardMore: {
    pdfLink: '성적표 PDF 내려받기',
    pdfHint: 'PDF, 인쇄용 · 한국어',
    prize: '시상금',
    prizeValue: '{{amount}}원',
    prizeNone: '없음',
    robustnessHeading: '순위는 얼마나 확실한가요?',
    robustnessSentence:
      '불확실성을 반영해 {{runs}}번 다시 계산하면 이 {{unitNounKo}}의 순위는 {{low}}–{{high}}위 사이이며, {{tier}} 이상일 확률은 {{percent}}%입니다.',
    robustnessSentenceSame:
      '불확실성을 반영해 {{runs}}번 다시 계산해도 이 {{unitNounKo}}의 순위는 {{low}}위로 같으며, {{tier}} 이상일 확률은 {{percent}}%입니다.',
    robustnessSentenceNoTier:
      '불확실성을 반영해 {{runs}}번 다시 계산하면 이 {{unitNounKo}}의 순위는 {{low}}–{{high}}위 사이이며, 시상 등급을 받을 확률은 {{percent}}%입니다.',
    robustnessSentenceNoAwards: '불확실성을 반영해 {{runs}}번 다시 계산하면 이 {{unitNounKo}}의 순위는 {{low}}–{{high}}위 사이입니다.',
    robustnessNote:
      '지표 가중치를 ±{{noise}}% 범위에서 무작위로 바꿔 다시 계산한 결과입니다. 순위 범위는 계산 결과의 90%가 들어가는 구간(5–95번째 백분위)이고, 확률은 그 등급 이상을 받은 계산의 비율입니다(가점·감점 전 점수 기준). 공식 순위와 시상은 바뀌지 않으며, 범위가 좁을수록 가중치가 조금 달라져도 순위가 흔들리지 않는다는 뜻입니다.',
    robustnessMissing: '이 연도에는 순위의 불확실성 분석 결과가 없습니다.',
    scoreAxis: '점수',
    rankAxis: '순위 (1위가 위)',
    rankAxisNote: '순위 그래프는 1위를 맨 위에 두며 0에서 시작하지 않습니다.',
    scoreAxisNote: '점수 축은 0점에서 시작합니다.',
    radarAxisNote: '축 이름은 지표 이름이며, 모든 축은 0에서 시작합니다.',
    prizeEach: '{{unitNounKo}}당 {{amount}}원',
    prizeTotal: '시상금 총액 {{amount}}원',
    prizeColumn: '시상금(원)',
  },
  openDataMore: {
    longHeading: '전체 연도 자료 (긴 형식)',
    longDescription: '공개된 모든 연도를 한 파일에 담았습니다. 한 행이 연도 × {{unitKo}} × 지표이며, 평가 체계 버전과 연도별 지표 코드 대응표를 함께 싣습니다.',
    longFormatsLabel: '전체 연도 자료 파일 형식',
    dictionary: '데이터 사전 (CSV)',
    csvCp949: 'CSV (CP949, 구형 엑셀)',
    englishHeaders: '영문 열 이름',
    precisionNote: '점수는 소수점 둘째 자리까지, 원자료 값은 입력한 자릿수 그대로 싣습니다. 시각은 한국 표준시(KST)입니다.',
  },
};
