import { z } from "zod";

/** Integer millionths of a dollar (see engine/money). */
export const micros = z.number().int().safe();
/** Integer hundredths of a contract. */
export const centis = z.number().int().safe();
export const isoTime = z.iso.datetime({ offset: true });
export const ticker = z.string().min(1).max(200);
/** The side we hold: YES contracts or NO contracts. */
export const side = z.enum(["yes", "no"]);
export const uuid = z.uuid();
/** A probability or confidence in [0, 1]. Not money, so a plain number is right. */
export const probability = z.number().min(0).max(1);
