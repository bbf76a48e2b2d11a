/**
 * A tile grid of Seoul's 25 districts (7 columns × 5 rows), keyed by administrative code, that keeps each district
 * roughly where it lies: north of the Han River in rows 1–3, south of it in rows 3–5; the empty tile above 종로구 is
 * Bukhansan. Another city gets its own layout file of the same shape; units without a tile are listed under the map.
 */
export interface TilePosition {
  /** 1-based grid column. */
  column: number;
  /** 1-based grid row. */
  row: number;
}

export const seoulTileGrid = { columns: 7, rows: 5 } as const;

export const seoulDistrictTiles: Readonly<Record<string, TilePosition>> = {
  // row 1
  '11380': { column: 2, row: 1 }, // 은평구
  '11305': { column: 4, row: 1 }, // 강북구
  '11320': { column: 5, row: 1 }, // 도봉구
  '11350': { column: 6, row: 1 }, // 노원구
  // row 2
  '11410': { column: 2, row: 2 }, // 서대문구
  '11110': { column: 3, row: 2 }, // 종로구
  '11290': { column: 4, row: 2 }, // 성북구
  '11230': { column: 5, row: 2 }, // 동대문구
  '11260': { column: 6, row: 2 }, // 중랑구
  // row 3
  '11500': { column: 1, row: 3 }, // 강서구
  '11440': { column: 2, row: 3 }, // 마포구
  '11170': { column: 3, row: 3 }, // 용산구
  '11140': { column: 4, row: 3 }, // 중구
  '11200': { column: 5, row: 3 }, // 성동구
  '11215': { column: 6, row: 3 }, // 광진구
  '11740': { column: 7, row: 3 }, // 강동구
  // row 4
  '11470': { column: 1, row: 4 }, // 양천구
  '11560': { column: 2, row: 4 }, // 영등포구
  '11590': { column: 3, row: 4 }, // 동작구
  '11650': { column: 4, row: 4 }, // 서초구
  '11680': { column: 5, row: 4 }, // 강남구
  '11710': { column: 6, row: 4 }, // 송파구
  // row 5
  '11530': { column: 1, row: 5 }, // 구로구
  '11545': { column: 2, row: 5 }, // 금천구
  '11620': { column: 3, row: 5 }, // 관악구
};
