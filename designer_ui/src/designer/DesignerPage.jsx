import { useParams } from "react-router-dom";

export default function DesignerPage() {
  const { appId } = useParams();
  return <h1>{appId}</h1>;
}
