import { useSelector } from '@xstate/react';
import type { KioskLocale } from '@kiosk/shared';
import { selectStep, type RequestActor } from '../state/selectors';
import { DescribeScreen } from './DescribeScreen';
import { DoneScreen } from './DoneScreen';
import { FailedScreen } from './FailedScreen';
import { ReviewScreen } from './ReviewScreen';
import { ServiceListScreen } from './ServiceListScreen';
import { SubmittingScreen } from './SubmittingScreen';

/** Shows the request child machine's current step. */
export function RequestJourney({ request, locale }: { request: RequestActor; locale: KioskLocale }) {
  const step = useSelector(request, selectStep);
  switch (step) {
    case 'choosingService':
      return <ServiceListScreen request={request} />;
    case 'describing':
      return <DescribeScreen request={request} locale={locale} />;
    case 'reviewing':
      return <ReviewScreen request={request} />;
    case 'submitting':
      return <SubmittingScreen />;
    case 'done':
      return <DoneScreen request={request} />;
    case 'failed':
      return <FailedScreen request={request} />;
    case 'finished':
      return null;
  }
}
