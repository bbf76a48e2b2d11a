import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { paths } from '../../../config/paths.js';
import { formatScore } from '../../../lib/format.js';
import type { ResultUnit } from '../../../types/index.js';
import { seoulDistrictTiles, seoulTileGrid } from '../data/seoul-district-tiles.js';
import styles from './district-tile-map.module.css';

const bandClasses = [styles.band1, styles.band2, styles.band3, styles.band4, styles.band5];
const bandCount = bandClasses.length;

/** Equal-width score bands between the lowest and highest score, on whole points. */
function scoreBands(units: ResultUnit[]): { lower: number; upper: number }[] {
  const scores = units.flatMap((u) => (u.score === null ? [] : [u.score]));
  if (scores.length === 0) return [];
  const low = Math.floor(Math.min(...scores));
  const high = Math.max(Math.ceil(Math.max(...scores)), low + bandCount);
  const width = (high - low) / bandCount;
  return Array.from({ length: bandCount }, (_, i) => ({ lower: low + i * width, upper: low + (i + 1) * width }));
}

/** The band of a score; -1 (no band) for a unit without one. */
function bandOf(score: number | null, bands: { lower: number; upper: number }[]): number {
  if (score === null) return -1;
  const index = bands.findIndex((band) => score < band.upper);
  return index === -1 ? bands.length - 1 : index;
}

/** Drops the trailing 구 so that names fit a tile on a phone; one-syllable names (중구) stay whole. */
function shortName(name: string): string {
  return name.length > 2 && name.endsWith('구') ? name.slice(0, -1) : name;
}

function tileOrder(code: string): number {
  const position = seoulDistrictTiles[code];
  return position === undefined ? Number.MAX_SAFE_INTEGER : position.row * 100 + position.column;
}

interface DistrictTileMapProps {
  year: number;
  units: ResultUnit[];
}

/** Seoul's districts as a tile grid coloured by score; each tile opens the district's scorecard. */
export function DistrictTileMap({ year, units }: DistrictTileMapProps) {
  const { t } = useTranslation();
  // DOM order follows the grid, row by row, so that keyboard focus moves in reading order.
  const placed = units.filter((u) => seoulDistrictTiles[u.code] !== undefined).sort((a, b) => tileOrder(a.code) - tileOrder(b.code));
  if (placed.length === 0) return null;
  const unplaced = units.filter((u) => seoulDistrictTiles[u.code] === undefined);
  const bands = scoreBands(placed);

  return (
    <figure className={styles.figure}>
      <ul className={styles.grid} style={{ gridTemplateColumns: `repeat(${seoulTileGrid.columns}, minmax(0, 1fr))` }}>
        {placed.map((unit) => {
          const position = seoulDistrictTiles[unit.code];
          return (
            <li key={unit.code} style={{ gridColumn: position?.column, gridRow: position?.row }}>
              <Link to={paths.scorecard(year, unit.code)} className={`${styles.tile} ${bandClasses[bandOf(unit.score, bands)] ?? ''}`}>
                <span className="visually-hidden">
                  {t('results.mapTileLabel', { district: unit.name, score: formatScore(unit.score, 1), rank: unit.rank })}
                </span>
                <span className={styles.name} aria-hidden="true">
                  {shortName(unit.name)}
                </span>
                <span className={styles.score} aria-hidden="true">
                  {formatScore(unit.score, 1)}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      <ul className={styles.legend} aria-label={t('results.mapLegend')}>
        {bands.map((band, i) => (
          <li key={band.lower}>
            <span className={`${styles.swatch} ${bandClasses[i] ?? ''}`} aria-hidden="true" />
            {formatScore(band.lower, 1)}–{formatScore(band.upper, 1)}
          </li>
        ))}
      </ul>
      <figcaption className={styles.caption}>
        {t('results.mapDescription')}
        {unplaced.length > 0 && <> {t('results.notOnMap', { names: unplaced.map((u) => u.name).join(', ') })}</>}
      </figcaption>
    </figure>
  );
}
