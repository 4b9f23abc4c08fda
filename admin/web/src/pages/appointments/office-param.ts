import { useSearchParams } from 'react-router';

/**
 * The chosen office and day live in the address (?office=&day=), so the board and the calendar
 * page keep the office when switching, and a link to one office's board can be shared.
 */
export function useOfficeParams(): { office: string; day: string; set: (patch: { office?: string; day?: string }) => void } {
  const [params, setParams] = useSearchParams();
  const office = params.get('office') ?? '';
  const day = params.get('day') ?? '';
  const set = (patch: { office?: string; day?: string }) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };
  return { office, day, set };
}
