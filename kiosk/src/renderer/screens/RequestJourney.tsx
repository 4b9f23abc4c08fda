import { useSelector } from '@xstate/react';
import type { KioskLocale } from '@kiosk/shared';
import { selectStep, type RequestActor } from '../state/selectors';
import { AttributeQuestionScreen } from './AttributeQuestionScreen';
import { ConsentScreen } from './ConsentScreen';
import { ContactChannelScreen, ContactDetailsScreen } from './ContactScreen';
import { DescribeScreen } from './DescribeScreen';
import { DoneScreen } from './DoneScreen';
import { FailedScreen } from './FailedScreen';
import { LocationScreen } from './LocationScreen';
import { ReviewScreen } from './ReviewScreen';
import { ServiceListScreen } from './ServiceListScreen';
import { SubmittingScreen } from './SubmittingScreen';

/** Shows the request child machine's current step. */
export function RequestJourney({ request, locale }: { request: RequestActor; locale: KioskLocale }) {
  const step = useSelector(request, selectStep);
  switch (step) {
    case 'choosingService':
      return <ServiceListScreen request={request} locale={locale} />;
    case 'answering':
      return <AttributeQuestionScreen request={request} locale={locale} />;
    case 'locating':
      return <LocationScreen request={request} locale={locale} />;
    case 'describing':
      return <DescribeScreen request={request} locale={locale} />;
    case 'choosingContact':
      return <ContactChannelScreen request={request} />;
    case 'enteringContact':
      return <ContactDetailsScreen request={request} locale={locale} />;
    case 'consenting':
      return <ConsentScreen request={request} />;
    case 'checkingPrinter':
    case 'submitting':
      return <SubmittingScreen />;
    case 'reviewing':
      return <ReviewScreen request={request} locale={locale} />;
    case 'done':
      return <DoneScreen request={request} locale={locale} />;
    case 'failed':
      return <FailedScreen request={request} />;
    case 'finished':
      return null;
  }
}
