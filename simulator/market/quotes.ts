/**
 * Simulated market makers: resting liquidity on both sides of the fair value, re-quoted every
 * step. Spreads, depth and sizes are per-market constants drawn from the market key; sizes jitter
 * every ten minutes so the book breathes. Makers never quote through the fair value, so a market
 * priced at 99.7¢ on a 1¢ grid has no YES asks at all (as on Kalshi, where favourites run dry).
 */
import type { Centis, Micros } from "../../engine/money/money.ts";
import { hash2, hash4, Stream, unit } from "../core/hash.ts";
import { ceilToGrid, floorToGrid, nextDown, nextUp, type PriceLevelStructure, tickAt } from "./price-grid.ts";

export interface MakerParams {
  /** 1 = quote the ticks either side of fair; 2–3 = wider. */
  halfSpreadTicks: number;
  levels: number;
  /** Top-of-book size in centis (whole contracts). */
  baseSize: number;
}

export interface TapeParams {
  everyMs: number;
  phaseMs: number;
  /** Contracts per synthetic trade, in centis. */
  size: Centis;
}

export interface QuoteLevel {
  price: Micros;
  size: Centis;
}

export interface Quotes {
  bids: QuoteLevel[];
  asks: QuoteLevel[];
}

/** Log-uniform integer in [lo, hi]. */
function logUniform(u: number, lo: number, hi: number): number {
  return Math.round(Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))));
}

export function tapeParams(key: number): TapeParams {
  const everyMin = logUniform(unit(hash2(key, Stream.params + 1)), 5, 360);
  const everyMs = everyMin * 60_000;
  return {
    everyMs,
    phaseMs: Math.floor(unit(hash2(key, Stream.params + 2)) * everyMin) * 60_000,
    size: (logUniform(unit(hash2(key, Stream.params + 3)), 1, 40) * 100) as Centis,
  };
}

export function makerParams(key: number): MakerParams {
  const u = unit(hash2(key, Stream.params + 4));
  const halfSpreadTicks = u < 0.55 ? 1 : u < 0.85 ? 2 : 3;
  const levels = 3 + Math.floor(unit(hash2(key, Stream.params + 5)) * 6);
  // Top of book always holds at least two synthetic trades, so a tape trade never walks the book.
  const tape = tapeParams(key);
  const contracts = logUniform(unit(hash2(key, Stream.params + 6)), 20, 1500);
  const baseSize = Math.max(contracts * 100, tape.size * 4);
  return { halfSpreadTicks, levels, baseSize };
}

const SIZE_EPOCH_STEPS = 10;

function levelSize(key: number, step: number, level: number, side: number, base: number): Centis {
  const epoch = Math.floor(step / SIZE_EPOCH_STEPS);
  const jitter = 0.5 + unit(hash4(key, Stream.quoteSize + side, epoch, level));
  const contracts = Math.max(1, Math.round(((base / 100) * (1 + level * 0.4) * jitter) / 1));
  return (contracts * 100) as Centis;
}

/** Maker quotes around `fair` (micros) at `step`. Bids best-first, asks best-first. */
export function makerQuotes(
  key: number,
  structure: PriceLevelStructure,
  params: MakerParams,
  fair: number,
  step: number,
  maxLevels = params.levels,
): Quotes {
  const tick = tickAt(structure, fair);
  const widen = (params.halfSpreadTicks - 1) * tick;
  let bid: number | undefined = floorToGrid(structure, fair - widen);
  let ask: number | undefined = ceilToGrid(structure, fair + widen);
  if (ask <= bid) ask = nextUp(structure, bid);
  if (bid > fair) bid = undefined;
  if (ask !== undefined && ask < fair) ask = undefined;
  const bids: QuoteLevel[] = [];
  const asks: QuoteLevel[] = [];
  const depth = Math.min(maxLevels, params.levels);
  for (let i = 0; i < depth && bid !== undefined; i++) {
    bids.push({ price: bid as Micros, size: levelSize(key, step, i, 0, params.baseSize) });
    bid = nextDown(structure, bid);
  }
  for (let i = 0; i < depth && ask !== undefined; i++) {
    asks.push({ price: ask as Micros, size: levelSize(key, step, i, 1, params.baseSize) });
    ask = nextUp(structure, ask);
  }
  return { bids, asks };
}

/** Per-market constants, computed once per market. */
export function paramsOf(m: { key: number; memo?: { maker: MakerParams; tape: TapeParams } }): {
  maker: MakerParams;
  tape: TapeParams;
} {
  if (!m.memo) m.memo = { maker: makerParams(m.key), tape: tapeParams(m.key) };
  return m.memo;
}
